using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Endpoints;

/// <summary>
/// Every callback of 2,000 messages, a fifth of them twice, in a shuffled order and many at once, through the real
/// endpoint: each message ends in its last state and each callback is stored once. An app of its own (exact counts).
/// </summary>
public class ShuffledCallbacksTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ShuffledAndRepeatedCallbacksEndInEachMessagesLastState(int seed)
    {
        var set = ShuffledCallbackSet.Create(seed);
        var finals = set.Finals;
        var sends = set.Sends;
        var statuses = await set.PostAsync(_ => app);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await using var db = app.CreateDb();
        var uuids = finals.Keys.ToList();
        var stored = await db.Messages.Where(m => uuids.Contains(m.MessageUuid)).Select(m => new { m.MessageUuid, m.State }).ToListAsync();
        var wrong = stored.Count(m => PlivoNames.Of(m.State) != finals[m.MessageUuid]);
        Assert.Equal(finals.Count, stored.Count);
        Assert.Equal(0, wrong);
        var events = await db.MessageEvents.CountAsync(e => db.Messages.Any(m => m.Id == e.MessageId && uuids.Contains(m.MessageUuid)));
        Assert.Equal(sends.Distinct().Count(), events);
    }
}
