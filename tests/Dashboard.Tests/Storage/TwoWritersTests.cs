using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Two instances of the app on one PostgreSQL database, each with its own writer, take the shuffled callbacks of
/// 2,000 messages (a fifth repeated) at once, half each: every final state, every timeline and the rollup totals
/// must be what one writer would have made of them (ADR-009), and so must the latency histograms (ADR-014).
/// </summary>
public class TwoWritersTests
{
    [Fact]
    public async Task ShuffledCallbacksAcrossTwoInstancesEndInTheTruth()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using var a = new PostgreSqlDashboardFactory(connectionString);
            await using var b = new PostgreSqlDashboardFactory(connectionString);
            var set = ShuffledCallbackSet.Create(seed: 14);

            // Repeats of one callback go to either instance: the pick follows the position in the shuffled order.
            var statuses = await set.PostAsync(i => i % 2 == 0 ? a : b);

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
            await using var db = a.CreateDb();
            var stored = await db.Messages.AsNoTracking().Include(m => m.Events).ToListAsync();
            Assert.Equal(set.Finals.Count, stored.Count);
            Assert.Empty(stored.Where(m => PlivoNames.Of(m.State) != set.Finals[m.MessageUuid]).Select(m => m.MessageUuid));

            // Each distinct callback is one event, its repeats counted on it.
            var truth = set.Sends.GroupBy(form => form, ReferenceEqualityComparer.Instance)
                .Select(g => (Form: (List<KeyValuePair<string, string>>)g.Key!, Repeats: g.Count() - 1))
                .ToLookup(e => Value(e.Form, "MessageUUID"));
            foreach (var message in stored)
            {
                var expected = truth[message.MessageUuid]
                    .Select(e => (int.Parse(Value(e.Form, "Sequence"), System.Globalization.CultureInfo.InvariantCulture), Value(e.Form, "Status"), e.Repeats))
                    .OrderBy(e => e.Item1).ToList();
                var actual = message.Events.Select(e => (e.Sequence ?? 0, PlivoNames.Of(e.State), e.Repeats)).OrderBy(e => e.Item1).ToList();
                Assert.Equal(expected, actual);
                Assert.Equal(expected.Max(e => e.Item1), message.LastSequence);
            }

            // The rollups: every message counted once, in its final state, with its units and amount.
            var rollup = await db.Set<DailyFact>().Where(f => f.Dimension == ReportDimension.All)
                .GroupBy(f => f.State).Select(g => new { State = g.Key, Messages = g.Sum(f => f.Messages), Units = g.Sum(f => f.Units), Amount = g.Sum(f => f.Amount) })
                .ToListAsync();
            var byState = set.Finals.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(byState.OrderBy(p => p.Key), rollup.Where(r => r.Messages != 0).ToDictionary(r => PlivoNames.Of(r.State), r => r.Messages).OrderBy(p => p.Key));
            Assert.Equal(set.Finals.Count, rollup.Sum(r => r.Units));
            Assert.Equal(set.Finals.Count * 650L, rollup.Sum(r => r.Amount));


            // The latency histograms: each message's delays counted once, in the buckets its stored times give.
            var latency = await LatencyTruth.StoredAsync(db);
            Assert.Equal(await LatencyTruth.FromRowsAsync(db), latency);
            // Every callback of the set but queued names a sent time, the failed ones too.
            Assert.Equal(set.Finals.Count, latency.Where(l => l.Key.Dimension == ReportDimension.All && l.Key.Stage == LatencyStage.ToSent).Sum(l => l.Value));
            Assert.Equal(set.Finals.Values.Count(f => f == "delivered"), latency.Where(l => l.Key.Dimension == ReportDimension.All && l.Key.Stage == LatencyStage.ToDelivered).Sum(l => l.Value));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static string Value(List<KeyValuePair<string, string>> form, string key) => form.First(p => p.Key == key).Value;
}
