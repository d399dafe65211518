using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Simulator;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Inbox;

/// <summary>An agent's reply over real HTTP: inbox, send service, Plivo client, simulator, signed callbacks, live feed.</summary>
[Collection(LiveDashboardCollection.Name)]
public class InboxReplyOverSimulatorTests(LiveDashboard app)
{
    [Fact]
    public async Task ReplyIsInTheThreadAtOnceThenMovesThroughItsStatesOnTheLiveFeed()
    {
        var contact = "1312555" + Random.Shared.Next(1000, 9999);
        var writer = app.Services.GetRequiredService<MessageWriter>();
        await writer.WriteInboundAsync(new InboundMessage { MessageUuid = Guid.NewGuid().ToString(), From = contact, To = "14155550100", Text = "Are you open on Sunday?", Raw = [] }, null);
        long conversationId;
        await using (var db = app.CreateDb())
        {
            conversationId = await db.Conversations.Where(c => c.ContactNumber == contact).Select(c => c.Id).SingleAsync();
        }

        using var subscription = app.Services.GetRequiredService<LiveFeed>().Subscribe();
        await using var scope = app.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<InboxReplies>().SendAsync(conversationId, ReplyDraft.Freeform("Yes, 10 to 4."));
        var atOnce = (await app.Services.GetRequiredService<InboxQueries>().GetThreadAsync(conversationId)).Messages[^1];
        var simulator = app.Services.GetRequiredService<PlivoSimulator>();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(app.Services.GetRequiredService<SimulatorStore>().IsSettled(result.MessageUuid!)), "the simulator has sent every callback of the reply");

        Assert.True(result.Sent, result.Error);
        // The simulator's fast mode may already have called back by now: stored at once is what counts here
        // (the queued state itself is in InboxRepliesTests).
        Assert.Equal((result.MessageUuid, MessageDirection.Outbound, "Yes, 10 to 4."), (atOnce.MessageUuid, atOnce.Direction, atOnce.Text));
        var changes = new List<MessageChange>();
        while (subscription.Reader.TryRead(out var change))
        {
            if (change is MessageChange message)
            {
                changes.Add(message);
            }
        }

        var ours = changes.Where(c => c.MessageUuid == result.MessageUuid).ToList();
        Assert.True(ours.Count >= 2, "the queued row and at least one callback were published");
        Assert.All(ours, c => Assert.Equal(conversationId, c.InboxConversationId));
        Assert.NotEqual(MessageState.Queued, ours[^1].State);
    }
}
