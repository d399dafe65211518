using Dashboard.Components.Shared;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

public class MessageTimelineTests : ComponentTestBase
{
    private static readonly DateTime Queued = new(2026, 11, 20, 10, 0, 0, 100, DateTimeKind.Utc);

    [Fact]
    public void MilestonesShowPlivosTimesAndTheTimeBetweenStages()
    {
        var timeline = Timeline(MessageState.Delivered,
            Event(MessageState.Queued, 1, """{"Status":"queued","QueuedTime":"2026-11-20 10:00:00.100000"}"""),
            Event(MessageState.Sent, 2, """{"Status":"sent","SentTime":"2026-11-20 10:00:01.350000"}"""),
            Event(MessageState.Delivered, 3, """{"Status":"delivered","DeliveryReportTime":"2026-11-20 10:00:04.500000"}"""));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        var milestones = page.FindAll("[data-milestone]");
        Assert.Equal(["queued", "sent", "delivered"], milestones.Select(m => m.GetAttribute("data-milestone")));
        Assert.Contains("2026-11-20 10:00:01.350 UTC", milestones[1].TextContent);
        Assert.Equal(["+1.3 s", "+3.2 s"], page.FindAll("[data-since]").Select(s => s.TextContent.Trim()));
        Assert.Contains("4.4 s", page.Find("[data-total]").TextContent);
        Assert.Empty(page.FindAll("[data-flag]"));
        Assert.Equal(3, page.FindAll("tr[data-event]").Count);
    }

    [Fact]
    public void DuplicateAndLateCallbacksAreFlaggedAndMarked()
    {
        var timeline = Timeline(MessageState.Delivered,
            Event(MessageState.Queued, 1, "{}"),
            Event(MessageState.Delivered, 3, """{"Status":"delivered","Sequence":"3"}""", repeats: 2),
            Event(MessageState.Sent, 2, """{"Status":"sent","Sequence":"2"}""", applied: false));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        var flags = page.FindAll("[data-flag]").ToDictionary(f => f.GetAttribute("data-flag")!, f => f.TextContent.Trim());
        Assert.Equal(["DuplicateCallback", "OutOfOrder"], flags.Keys);
        Assert.Contains("arrived 3 times", flags["DuplicateCallback"]);
        Assert.Contains("sequence 2", flags["OutOfOrder"]);
        Assert.Contains("after sequence 3", flags["OutOfOrder"]);
        Assert.Equal("received ×3", page.Find("tr[data-event=delivered] [data-duplicate]").TextContent.Trim());
        Assert.NotNull(page.Find("tr[data-event=sent] [data-late]"));
        Assert.Contains("late", page.Find("tr[data-event=sent]").ClassList);
    }

    [Fact]
    public void AReconciliationAnswerGivenAgainSaysPlivoWasAskedAndWhenLast()
    {
        var timeline = Timeline(MessageState.Sent,
            Event(MessageState.Queued, 1, "{}"),
            Event(MessageState.Sent, 2, """{"Status":"sent","Sequence":"2"}"""),
            Event(MessageState.Sent, -2, """{"Status":"sent"}""", repeats: 2, applied: false, kind: MessageEventKind.Reconciled,
                lastReceivedAt: Queued.AddMinutes(30)));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        var chip = page.Find("[data-duplicate]").TextContent;
        Assert.Contains("asked ×3", chip);
        Assert.Contains("last 2026-11-20 10:30:00 UTC", chip);
        Assert.DoesNotContain("DuplicateCallback", page.FindAll("[data-flag]").Select(f => f.GetAttribute("data-flag")));
    }

    [Fact]
    public void AReplayedCallbackIsNamedAsSuchAndReachesItsMilestone()
    {
        var timeline = Timeline(MessageState.Delivered,
            Event(MessageState.Sent, 2, """{"Status":"sent","Sequence":"2"}"""),
            Event(MessageState.Delivered, 3, """{"Status":"delivered","Sequence":"3","DeliveryReportTime":"2026-11-20 10:00:04.500000"}""",
                kind: MessageEventKind.Replayed));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        Assert.Equal("Replayed callback", page.Find("tr[data-event=delivered] td:nth-child(2)").TextContent.Trim());
        Assert.Equal("true", page.Find("[data-milestone=delivered]").GetAttribute("data-reached"));
        Assert.Contains("2026-11-20 10:00:04.500 UTC", page.Find("[data-milestone=delivered]").TextContent);
        Assert.Empty(page.FindAll("[data-late]"));
        Assert.Empty(page.FindAll("[data-duplicate]"));
    }

    [Fact]
    public void PlivosQueuedCallbackAfterOurSendIsNotTaggedLate()
    {
        var timeline = Timeline(MessageState.Sent,
            Event(MessageState.Queued, -1, """{"text":"hi"}""", kind: MessageEventKind.SendAccepted),
            Event(MessageState.Queued, 1, """{"Status":"queued","Sequence":"1"}""", applied: false),
            Event(MessageState.Sent, 2, """{"Status":"sent","Sequence":"2"}"""));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        Assert.Empty(page.FindAll("[data-late]"));
        Assert.Empty(page.FindAll("[data-flag=OutOfOrder]"));
        Assert.Empty(page.FindAll("tr.late"));
    }

    [Fact]
    public void AConflictingFinalStateIsTaggedAsSuchNotAsLate()
    {
        var timeline = Timeline(MessageState.Delivered,
            Event(MessageState.Delivered, 3, """{"Status":"delivered"}"""),
            Event(MessageState.Undelivered, 3, """{"Status":"undelivered"}""", applied: false));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        Assert.NotNull(page.Find("tr[data-event=undelivered] [data-conflicting]"));
        Assert.Empty(page.FindAll("[data-late]"));
        Assert.NotNull(page.Find("[data-flag=ConflictingState]"));
    }

    [Fact]
    public void RawCallbacksAreShownAsReceived()
    {
        var timeline = Timeline(MessageState.Queued,
            Event(MessageState.Queued, 1, """{"MessageUUID":"abc","SomethingNew":"kept","Media":["a","b"]}"""));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        var raw = page.Find("[data-raw]").TextContent;
        Assert.Contains("\"SomethingNew\": \"kept\"", raw);
        Assert.Contains("\"Media\": [", raw);
        Assert.Contains("4 parameters", page.Find("summary").TextContent);
    }

    [Fact]
    public void SentWithoutReportOnAUsCarrierIsDescribedAsNormal()
    {
        var timeline = Timeline(MessageState.Sent,
            Event(MessageState.Queued, 1, "{}"),
            Event(MessageState.Sent, 2, "{}"));

        var page = Render<MessageTimeline>(p => p.Add(t => t.Timeline, timeline));

        var flag = page.Find("[data-flag=NoDeliveryReport]")!;
        Assert.Contains("normal", flag.TextContent);
        Assert.Contains("US and Canadian carriers", flag.TextContent);
        Assert.Equal("info", flag.GetAttribute("data-severity"));
        Assert.Equal("false", page.Find("[data-milestone=delivered]").GetAttribute("data-reached"));
    }

    private static DeliveryTimeline Timeline(MessageState state, params MessageEvent[] events)
    {
        var message = new Message
        {
            Id = 1,
            MessageUuid = "abc",
            State = state,
            CountryIso2 = "US",
            MessageTime = Queued,
            UpdatedAt = Queued,
        };
        var stamped = events.Select((e, i) => { e.ReceivedAt = Queued.AddSeconds(i + 1); return e; }).ToList();
        return DeliveryTimeline.Build(new MessageDetail(message, stamped, []), Queued.AddHours(3), TimeSpan.FromHours(1));
    }

    private static MessageEvent Event(MessageState state, int sequence, string raw, int repeats = 0, bool applied = true,
        MessageEventKind kind = MessageEventKind.StatusCallback, DateTime? lastReceivedAt = null) => new()
    {
        MessageId = 1,
        Kind = kind,
        State = state,
        Sequence = sequence,
        Repeats = repeats,
        LastReceivedAt = lastReceivedAt,
        Applied = applied,
        RawParameters = raw,
    };
}
