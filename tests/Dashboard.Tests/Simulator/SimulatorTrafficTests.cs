using System.Net;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Simulator;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Simulator;

/// <summary>
/// The whole loop over real HTTP: the send service calls the client, the client the simulator, and the simulator
/// calls the app's webhooks back, signed, until the store holds what the simulated Plivo holds.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public class SimulatorTrafficTests(LiveDashboard app)
{
    private const string OurNumber = "14155550100";

    private PlivoSimulator Simulator => app.Services.GetRequiredService<PlivoSimulator>();

    private SimulatorStore SimulatorRecords => app.Services.GetRequiredService<SimulatorStore>();

    private InboundTraffic Inbound => app.Services.GetRequiredService<InboundTraffic>();

    [Fact]
    public async Task SignedCallbacksMoveSentMessagesToTheSimulatorsFinalState()
    {
        string[] destinations =
        [
            .. Enumerable.Range(0, 8).Select(i => $"44770090020{i}"),
            .. Enumerable.Range(0, 8).Select(i => $"4915112340{i:00}"),
            .. Enumerable.Range(0, 8).Select(i => $"1212555012{i}"),
        ];

        var outcome = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = string.Join('\n', destinations), Text = "Your order has shipped." });
        var uuids = outcome.Messages.Select(m => m.MessageUuid).ToList();
        var storedAtOnce = await CountStoredAsync(uuids);
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(uuids.All(SimulatorRecords.IsSettled)), "the simulator has delivered every callback");

        Assert.Equal(destinations.Length, uuids.Count);
        Assert.Equal(destinations.Length, storedAtOnce);
        await using var db = app.CreateDb();
        var stored = await db.Messages.AsNoTracking().Where(m => uuids.Contains(m.MessageUuid)).ToListAsync();
        Assert.All(stored, m => Assert.Equal(Simulator.Get(m.MessageUuid)!.MessageState, PlivoNames.Of(m.State)));
        Assert.True(stored.Count(m => MessageStateRules.IsFinal(m.State)) >= destinations.Length / 2, "most messages reach a final state");
        Assert.All(stored, m => Assert.Equal(Simulator.Get(m.MessageUuid)!.Mcc, m.Mcc));
        Assert.All(stored.Where(m => m.State is MessageState.Undelivered or MessageState.Failed), m => Assert.False(string.IsNullOrEmpty(m.ErrorCode)));
        var ids = stored.Select(m => m.Id).ToList();
        var events = await db.MessageEvents.AsNoTracking().Where(e => ids.Contains(e.MessageId) && e.Kind == MessageEventKind.StatusCallback).ToListAsync();
        Assert.True(events.Any(e => e.Repeats > 0 || !e.Applied), "some callbacks arrived twice or late");
        Assert.All(events.GroupBy(e => e.MessageId), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(e => e.Sequence!.Value).Order()));
    }

    [Fact]
    public async Task APowerpackSendEndsUpInTheConversationOfTheNumberPlivoPicked()
    {
        const string contact = "13125550121";

        var outcome = await SendAsync(new ComposeRequest
        {
            Sender = ComposeSender.PowerpackPrefix + "9f1c7a52-3e8d-4b1a-9c55-5d0e2a7b6c11",
            Destinations = contact,
            Text = "Your table is ready",
        });
        var uuid = outcome.Messages.Single().MessageUuid;
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(SimulatorRecords.IsSettled(uuid)), "the Powerpack message is settled");

        var picked = Simulator.Get(uuid)!.FromNumber;
        await using var db = app.CreateDb();
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.MessageUuid == uuid);
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == stored.InboxConversationId);
        Assert.Equal(picked, stored.FromNumber);
        Assert.Equal((picked, contact, "Your table is ready"), (conversation.OurNumber, conversation.ContactNumber, conversation.LastMessagePreview));
    }

    [Fact]
    public async Task CallbacksCarryEverySeedAttributeAndWhatsAppConversations()
    {
        var outcome = await SendAsync(new ComposeRequest
        {
            Sender = OurNumber,
            Destinations = "13125550131\n13125550132",
            Type = MessageType.WhatsApp,
            TemplateName = "order_update",
            TemplateParameters = "Ana\n58213",
        });
        var uuids = outcome.Messages.Select(m => m.MessageUuid).ToList();
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(uuids.All(SimulatorRecords.IsSettled)), "the WhatsApp messages are settled");

        await using var db = app.CreateDb();
        var stored = await db.Messages.AsNoTracking().Where(m => uuids.Contains(m.MessageUuid)).ToListAsync();
        Assert.All(stored, m =>
        {
            Assert.Equal(MessageType.WhatsApp, m.Type);
            Assert.Equal("utility", m.ConversationOrigin);
            Assert.Matches("^[0-9a-f]{32}$", m.PlivoConversationId);
            Assert.InRange(m.ConversationExpiresAt!.Value, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        });
        var raw = await db.MessageEvents.AsNoTracking()
            .Where(e => e.MessageId == stored[0].Id && e.Kind == MessageEventKind.StatusCallback).Select(e => e.RawParameters).FirstAsync();
        var keys = JsonDocument.Parse(raw).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] seed000 =
        [
            "MessageUUID", "To", "From", "Type", "Status", "ConversationExpirationTimestamp", "ConversationOrigin", "ConversationID",
            "Units", "TotalRate", "TotalAmount", "MCC", "MNC", "ErrorCode", "ParentMessageUUID", "PartInfo", "Sequence",
            "MessageTime", "QueuedTime", "SentTime", "DeliveryReportTime", "requester_ip", "PowerpackUUID",
        ];
        Assert.Empty(seed000.Except(keys));
    }

    [Fact]
    public async Task GetCallbacksCarryTheParametersInTheSignedQueryString()
    {
        var client = app.Services.GetRequiredService<IPlivoClient>();

        var sent = await client.SendAsync(new PlivoSendRequest
        {
            Src = OurNumber,
            Dst = "447700900135",
            Text = "Called back by GET",
            Url = new Uri(app.BaseAddress, "/plivo/status?tenant=acme").ToString(),
            Method = "GET",
        });
        var uuid = sent.MessageUuid[0];
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(SimulatorRecords.IsSettled(uuid)), "the GET callbacks are delivered");

        await using var db = app.CreateDb();
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(Simulator.Get(uuid)!.MessageState, PlivoNames.Of(stored.State));
        var raw = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == stored.Id).Select(e => e.RawParameters).FirstAsync();
        Assert.Equal("acme", JsonDocument.Parse(raw).RootElement.GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task StopFromAContactRefusesTheNextSendAndStartAllowsItAgain()
    {
        const string contact = "13125550141";
        var first = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = contact, Text = "Your code is 123456" });

        var stop = await Inbound.SendInboundAsync(SimulatedInboundKind.Stop, first.Messages[0].MessageUuid);
        var refused = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = contact, Text = "Flash sale!" });
        var bypass = await app.Services.GetRequiredService<IPlivoClient>().SendAsync(new PlivoSendRequest
        {
            Src = OurNumber,
            Dst = contact,
            Text = "Sent around the dashboard",
        });
        await LiveDashboard.WaitUntilAsync(() => Task.FromResult(SimulatorRecords.IsSettled(bypass.MessageUuid[0])), "the bypassing send is settled");
        var start = await Inbound.SendInboundAsync(SimulatedInboundKind.Start, first.Messages[0].MessageUuid);
        var allowed = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = contact, Text = "Welcome back" });

        Assert.True(stop!.Delivery.Delivered);
        Assert.Equal("optout", stop.Parameters.Single(p => p.Key == "MessageIntent").Value);
        Assert.Contains("<Message", stop.Delivery.Body);
        Assert.False(refused.Sent);
        Assert.Contains("opted out", Assert.Single(refused.Errors[nameof(ComposeRequest.Destinations)]));
        var blocked = Simulator.Get(bypass.MessageUuid[0])!;
        Assert.Equal(("failed", "200"), (blocked.MessageState, blocked.ErrorCode));
        Assert.Equal("optin", start!.Parameters.Single(p => p.Key == "MessageIntent").Value);
        Assert.True(allowed.Sent);
    }

    [Fact]
    public async Task InboundSmsMmsAndWhatsAppRepliesAreStoredWithTheirDetails()
    {
        var sms = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = "13125550151", Text = "Reply C to confirm" });
        var whatsApp = await SendAsync(new ComposeRequest
        {
            Sender = OurNumber,
            Destinations = "13125550152",
            Type = MessageType.WhatsApp,
            TemplateName = "appointment_reminder",
            TemplateParameters = "Ben\nFriday",
        });

        var reply = await Inbound.SendInboundAsync(SimulatedInboundKind.Sms, sms.Messages[0].MessageUuid);
        var mms = await Inbound.SendInboundAsync(SimulatedInboundKind.Mms, sms.Messages[0].MessageUuid);
        var button = await Inbound.SendInboundAsync(SimulatedInboundKind.WhatsAppButton, whatsApp.Messages[0].MessageUuid);
        var mediaUrl = mms!.Parameters.First(p => p.Key == "Media1").Value;
        using var mediaResponse = await new HttpClient().GetAsync(mediaUrl);

        Assert.All(new[] { reply, mms, button }, m => Assert.True(m!.Delivery.Delivered));
        await using var db = app.CreateDb();
        var stored = await db.Messages.AsNoTracking().Include(m => m.Media)
            .Where(m => m.MessageUuid == reply!.MessageUuid || m.MessageUuid == mms.MessageUuid || m.MessageUuid == button!.MessageUuid)
            .ToDictionaryAsync(m => m.MessageUuid);
        var storedReply = stored[reply!.MessageUuid];
        Assert.Equal((MessageDirection.Inbound, MessageType.Sms, "13125550151", OurNumber), (storedReply.Direction, storedReply.Type, storedReply.FromNumber, storedReply.ToNumber));
        Assert.False(string.IsNullOrEmpty(storedReply.Text));
        var storedMms = stored[mms.MessageUuid];
        Assert.Equal(MessageType.Mms, storedMms.Type);
        Assert.Equal(storedMms.MediaCount, storedMms.Media.Count);
        Assert.Contains(storedMms.Media, m => m.Url == mediaUrl);
        Assert.Equal(HttpStatusCode.OK, mediaResponse.StatusCode);
        Assert.Equal(SimulatorMedia.ContentType, mediaResponse.Content.Headers.ContentType?.MediaType);
        var storedButton = stored[button!.MessageUuid];
        Assert.Equal(MessageType.WhatsApp, storedButton.Type);
        Assert.Equal(whatsApp.Messages[0].MessageUuid, storedButton.ContextMessageUuid);
        Assert.Equal("button", storedButton.ContentType);
        Assert.False(string.IsNullOrEmpty(storedButton.ButtonPayload));
        Assert.Equal(storedButton.ButtonText, storedButton.Text);
    }

    [Fact]
    public async Task ComposeRefusesFreeformWhatsAppOutsideTheWindowBeforeItReachesTheSimulator()
    {
        var before = Simulator.Count;

        var outcome = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = "13125550161", Type = MessageType.WhatsApp, Text = "Hello" });

        Assert.False(outcome.Sent);
        Assert.Contains("only an approved template", Assert.Single(outcome.Errors[nameof(ComposeRequest.Destinations)]));
        Assert.Equal(before, Simulator.Count);
    }

    [Fact]
    public async Task OnceTheContactWritesFreeformWhatsAppIsAcceptedByComposeAndByTheApi()
    {
        const string contact = "13125550162";
        var template = await SendAsync(new ComposeRequest
        {
            Sender = OurNumber, Destinations = contact, Type = MessageType.WhatsApp, TemplateName = "order_update", TemplateParameters = "Ana\n58213",
        });
        var client = app.Services.GetRequiredService<IPlivoClient>();
        var freeform = new PlivoSendRequest { Src = OurNumber, Dst = contact, Type = "whatsapp", Text = "Thanks for your reply!" };
        var refusedBefore = await Assert.ThrowsAsync<PlivoApiException>(() => client.SendAsync(freeform));

        var reply = await Inbound.SendInboundAsync(SimulatedInboundKind.WhatsAppText, template.Messages[0].MessageUuid);
        var composed = await SendAsync(new ComposeRequest { Sender = OurNumber, Destinations = contact, Type = MessageType.WhatsApp, Text = "Happy to help." });
        var direct = await client.SendAsync(freeform);

        Assert.True(template.Sent);
        Assert.Equal(HttpStatusCode.BadRequest, refusedBefore.StatusCode);
        Assert.True(reply!.Delivery.Delivered);
        Assert.True(composed.Sent, string.Join(" ", composed.Errors.SelectMany(e => e.Value)));
        Assert.Single(direct.MessageUuid);
        Assert.Equal("whatsapp", Simulator.Get(direct.MessageUuid[0])!.MessageType);
    }

    private async Task<SendOutcome> SendAsync(ComposeRequest request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendService>().SendAsync(request.ToCommand());
    }

    private async Task<int> CountStoredAsync(IReadOnlyList<string> uuids)
    {
        await using var db = app.CreateDb();
        return await db.Messages.CountAsync(m => uuids.Contains(m.MessageUuid));
    }
}
