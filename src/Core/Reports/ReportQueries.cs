using System.Data.Common;
using System.Linq.Expressions;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reports;

/// <summary>
/// The report pages' queries. Totals and breakdowns read the <see cref="DailyFact"/> rollup and delivery-speed
/// percentiles the <see cref="LatencyBucket"/> histograms (a few thousand rows however many messages are stored); only
/// the last minutes read Messages, always over a bounded time range through its MessageTime indexes. One context per
/// call, no tracking.
/// </summary>
public sealed partial class ReportQueries(IDbContextFactory<DashboardDb> factory, TimeProvider time, IOptions<ReportsOptions> options)
{
    public ReportsOptions Options => options.Value;

    /// <summary>Counts, units and spend of <paramref name="range"/> from the rollup.</summary>
    public async Task<TrafficSummary> GetSummaryAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sums = await SumByAsync(Rollup(db, range, ReportDimension.All), t => new { t.Direction, t.State }, cancellationToken);
        return Summarize(sums.Select(s => (s.Key.Direction, s.Key.State, s.Messages, s.Units, s.Amount)));
    }

    /// <summary>The tiles from (direction, state) sums, however they were read.</summary>
    private static TrafficSummary Summarize(IEnumerable<(MessageDirection Direction, MessageState State, long Messages, long Units, long Amount)> rows)
    {
        var sums = rows.ToList();
        long Count(MessageDirection direction, params MessageState[] states) =>
            sums.Where(s => s.Direction == direction && states.Contains(s.State)).Sum(s => s.Messages);

        return new TrafficSummary(
            Sent: sums.Where(s => s.Direction == MessageDirection.Outbound).Sum(s => s.Messages),
            Delivered: Count(MessageDirection.Outbound, MessageState.Delivered, MessageState.Read),
            Undelivered: Count(MessageDirection.Outbound, MessageState.Undelivered),
            Failed: Count(MessageDirection.Outbound, MessageState.Failed, MessageState.Rejected),
            Pending: Count(MessageDirection.Outbound, MessageState.Queued, MessageState.Sent),
            Inbound: sums.Where(s => s.Direction == MessageDirection.Inbound).Sum(s => s.Messages),
            Units: sums.Sum(s => s.Units),
            Amount: sums.Sum(s => s.Amount));
    }

    /// <summary>
    /// The most frequent error codes among messages of the last <see cref="ReportsOptions.RecentErrorsWindow"/>
    /// (by MessageTime). Reads Messages through the (State, MessageTime) index: two short index ranges.
    /// </summary>
    public async Task<IReadOnlyList<ErrorCodeCount>> GetRecentErrorsAsync(int top = 5, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow().UtcDateTime - options.Value.RecentErrorsWindow;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => (m.State == MessageState.Failed || m.State == MessageState.Undelivered) && m.MessageTime >= since)
            .GroupBy(m => new { m.ErrorCode, m.State })
            .Select(g => new { g.Key.ErrorCode, g.Key.State, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.ErrorCode ?? "")
            .Select(g => new ErrorCodeCount(
                PlivoErrorCodes.Describe(g.Key),
                g.Where(r => r.State == MessageState.Failed).Sum(r => r.Count),
                g.Where(r => r.State == MessageState.Undelivered).Sum(r => r.Count)))
            .OrderByDescending(e => e.Count).ThenBy(e => e.Code.Code, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>
    /// New messages per minute (by MessageTime) from <paramref name="sinceUtc"/> on, outbound and inbound, every
    /// minute present (zeros included). One index range over Messages(MessageTime); meant for the last minutes.
    /// </summary>
    public async Task<IReadOnlyList<ThroughputPoint>> GetThroughputAsync(DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var start = ThroughputPoint.MinuteOf(sinceUtc);
        var end = ThroughputPoint.MinuteOf(time.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<(long Minute, int Direction), long>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var command = await CommandAsync(db, """
                SELECT "MessageTime" / @tpm AS Minute, "Direction", COUNT(*) FROM "Messages"
                WHERE "MessageTime" >= @since GROUP BY 1, 2
                """, cancellationToken, ("@tpm", TimeSpan.TicksPerMinute), ("@since", start.Ticks));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
            }
        }

        var points = new List<ThroughputPoint>();
        for (var minute = start; minute <= end; minute = minute.AddMinutes(1))
        {
            var key = minute.Ticks / TimeSpan.TicksPerMinute;
            points.Add(new ThroughputPoint(
                minute,
                counts.GetValueOrDefault((key, (int)MessageDirection.Outbound)),
                counts.GetValueOrDefault((key, (int)MessageDirection.Inbound))));
        }

        return points;
    }

    /// <summary>The rollup rows of one dimension over a range of days (the unique index leads with both).</summary>
    private static IQueryable<DailyFact> Rollup(DashboardDb db, DayRange range, ReportDimension dimension)
    {
        var (from, to) = (range.From, range.To);
        return db.Set<DailyFact>().AsNoTracking().Where(t => t.Dimension == dimension && t.Day >= from && t.Day <= to);
    }

    /// <summary>Sums messages, units and amount of the rollup rows per <paramref name="key"/>, in SQL.</summary>
    private static async Task<List<Sum<TKey>>> SumByAsync<TKey>(
        IQueryable<DailyFact> rows, Expression<Func<DailyFact, TKey>> key, CancellationToken cancellationToken)
    {
        var sums = await rows.GroupBy(key)
            .Select(g => new { g.Key, Messages = g.Sum(t => t.Messages), Units = g.Sum(t => t.Units), Amount = g.Sum(t => t.Amount) })
            .ToListAsync(cancellationToken);

        // A message that moved between buckets leaves a row of zeros behind: it is not a bucket anyone has.
        return [.. sums.Where(s => s.Messages != 0 || s.Amount != 0).Select(s => new Sum<TKey>(s.Key, s.Messages, s.Units, s.Amount))];
    }

    /// <summary>
    /// A raw command on the context's connection, for what LINQ cannot say (tick arithmetic on the stored UTC ticks).
    /// One text serves both providers: identifiers double-quoted (PostgreSQL folds unquoted names to lower case),
    /// parameters as <c>@name</c>, sums cast to BIGINT (PostgreSQL sums a bigint column as numeric).
    /// </summary>
    private static async Task<DbCommand> CommandAsync(
        DashboardDb db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private sealed record Sum<TKey>(TKey Key, long Messages, long Units, long Amount);
}
