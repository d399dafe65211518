using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.PostgreSql;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Storage;

/// <summary>
/// The migration that creates the latency histograms fills them from the messages already stored (ADR-014): a
/// database taken back to the migration before it, given messages, then migrated again holds exactly the buckets
/// its rows say.
/// </summary>
public class LatencyBackfillTests
{
    private static readonly DateTime T = new(2026, 11, 14, 23, 59, 58, DateTimeKind.Utc);

    protected virtual Task<(DashboardDb Db, Func<Task> Drop)> OpenAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"latency-backfill-{Guid.NewGuid():n}.db");
        var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseSqlite($"Data Source={path};Pooling=false").Options);
        return Task.FromResult<(DashboardDb, Func<Task>)>((db, () =>
        {
            File.Delete(path);
            return Task.CompletedTask;
        }));
    }

    [Fact]
    public async Task TheMigrationCountsTheStoredHistoryOnce()
    {
        var (db, drop) = await OpenAsync();
        try
        {
            await using (db)
            {
                await db.Database.MigrateAsync();
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_LatencyHistograms", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before);
                db.Messages.AddRange(
                    Outbound("a", MessageState.Delivered, queued: T, sent: T.AddSeconds(1), report: T.AddSeconds(3), mcc: "310", mnc: "410", country: "US"),
                    Outbound("b", MessageState.Delivered, queued: null, sent: T.AddSeconds(0.05), report: T.AddSeconds(7200), mcc: "262", mnc: "01", country: "DE"),
                    Outbound("c", MessageState.Read, queued: T, sent: T.AddSeconds(2), report: T.AddSeconds(60), mcc: "234", mnc: "10", country: "GB", type: MessageType.WhatsApp),
                    Outbound("d", MessageState.Undelivered, queued: T, sent: T.AddSeconds(4), report: T.AddSeconds(9), mcc: null, mnc: null, country: null),
                    Outbound("e", MessageState.Sent, queued: T, sent: T.AddSeconds(-1), report: null, mcc: "310", mnc: "410", country: "US"),
                    Outbound("f", MessageState.Delivered, queued: T.AddDays(1), sent: T.AddDays(1).AddSeconds(200_000), report: T.AddDays(1).AddSeconds(200_001),
                        mcc: "310", mnc: "410", country: "US", from: "14155550101"),
                    Outbound("g", MessageState.Queued, queued: T, sent: null, report: null, mcc: null, mnc: null, country: null),
                    new Message
                    {
                        MessageUuid = "inbound", Direction = MessageDirection.Inbound, State = MessageState.Delivered, FromNumber = "14155550123",
                        MessageTime = T, DeliveryReportTime = T.AddSeconds(1), UpdatedAt = T,
                    });
                await db.SaveChangesAsync();

                await db.Database.MigrateAsync();

                var stored = await LatencyTruth.StoredAsync(db);
                Assert.Equal(await LatencyTruth.FromRowsAsync(db), stored);
                var day = DateOnly.FromDateTime(T);
                Assert.Equal(
                    [(day, LatencyStage.ToSent, 1L), (day, LatencyStage.ToSent, 1L), (day, LatencyStage.ToSent, 1L), (day, LatencyStage.ToSent, 1L),
                     (day, LatencyStage.ToDelivered, 1L), (day, LatencyStage.ToDelivered, 1L), (day.AddDays(1), LatencyStage.ToSent, 1L), (day.AddDays(1), LatencyStage.ToDelivered, 1L)],
                    stored.Where(s => s.Key.Dimension == ReportDimension.All).OrderBy(s => s.Key.Day).ThenBy(s => s.Key.Stage).Select(s => (s.Key.Day, s.Key.Stage, s.Value)));
                Assert.Equal(
                    [LatencyHistogram.BucketOf(TimeSpan.FromSeconds(3).Ticks), LatencyHistogram.BucketOf(TimeSpan.FromSeconds(7200).Ticks), LatencyHistogram.Overflow],
                    stored.Where(s => s.Key.Dimension == ReportDimension.All && s.Key.Stage == LatencyStage.ToDelivered).Select(s => s.Key.Bucket).Order());
                Assert.Equal(1, stored[(ReportDimension.Carrier, day, "/", LatencyStage.ToSent, LatencyHistogram.BucketOf(TimeSpan.FromSeconds(4).Ticks))]);
                Assert.Equal(1, stored[(ReportDimension.Sender, day.AddDays(1), "14155550101", LatencyStage.ToSent, LatencyHistogram.Overflow)]);
            }
        }
        finally
        {
            await drop();
        }
    }

    private static Message Outbound(string uuid, MessageState state, DateTime? queued, DateTime? sent, DateTime? report, string? mcc, string? mnc,
        string? country, MessageType type = MessageType.Sms, string from = "14155550100") => new()
        {
            MessageUuid = uuid, Direction = MessageDirection.Outbound, Type = type, State = state, FromNumber = from, ToNumber = "14155550123",
            Mcc = mcc, Mnc = mnc, CountryIso2 = country, MessageTime = queued ?? T, QueuedTime = queued, SentTime = sent,
            DeliveryReportTime = report, UpdatedAt = T,
        };
}

/// <summary>The same on PostgreSQL (its own day expression in the backfill's SQL).</summary>
public sealed class PostgreSqlLatencyBackfillTests : LatencyBackfillTests
{
    protected override async Task<(DashboardDb Db, Func<Task> Drop)> OpenAsync()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var db = new PostgreSqlDashboardDb(new DbContextOptionsBuilder<PostgreSqlDashboardDb>().UseNpgsql(connectionString).Options);
        return (db, () => server.DropDatabaseAsync(connectionString));
    }
}
