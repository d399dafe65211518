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
        var random = new Random(seed);
        var finals = new Dictionary<string, string>();
        var sends = new List<List<KeyValuePair<string, string>>>();
        for (var i = 0; i < 2_000; i++)
        {
            var uuid = Callbacks.NewUuid();
            var final = random.Next(10) switch { 0 => "undelivered", 1 => "failed", _ => "delivered" };
            finals[uuid] = final;
            var callbacks = final == "failed"
                ? new[] { Callbacks.Status(uuid, "queued", 1), Callbacks.Status(uuid, "failed", 2, ("ErrorCode", "900")) }
                : [Callbacks.Status(uuid, "queued", 1), Callbacks.Status(uuid, "sent", 2),
                    Callbacks.Status(uuid, final, 3, ("ErrorCode", final == "undelivered" ? "30" : "000"))];
            sends.AddRange(callbacks);
            if (random.Next(5) == 0)
            {
                sends.Add(callbacks[random.Next(callbacks.Length)]);
            }
        }

        var shuffled = sends.OrderBy(_ => random.Next()).ToList();
        using var gate = new SemaphoreSlim(64);
        var statuses = await Task.WhenAll(shuffled.Select(async form =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await app.PostSignedAsync("/plivo/status", form);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));

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
