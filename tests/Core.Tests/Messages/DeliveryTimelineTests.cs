using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class DeliveryTimelineTests
{
    private static readonly DateTime T0 = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan StuckAfter = TimeSpan.FromHours(1);

    [Fact]
    public void MilestonesUsePlivosTimestampsAndTimeBetweenStages()
    {
        var detail = Detail(MessageState.Delivered, "US",
            Event(MessageState.Queued, 1, T0, """{"QueuedTime":"2026-11-20 10:00:00.000000"}"""),
            Event(MessageState.Sent, 2, T0.AddSeconds(5), """{"SentTime":"2026-11-20 10:00:02.000000"}"""),
            Event(MessageState.Delivered, 3, T0.AddSeconds(9), """{"DeliveryReportTime":"2026-11-20 10:00:07.500000"}"""));

        var timeline = DeliveryTimeline.Build(detail, T0.AddDays(1), StuckAfter);

        Assert.Equal(
            [(MessageState.Queued, T0, (TimeSpan?)null), (MessageState.Sent, T0.AddSeconds(2), TimeSpan.FromSeconds(2)), (MessageState.Delivered, T0.AddSeconds(7.5), TimeSpan.FromSeconds(5.5))],
            timeline.Milestones.Select(m => (m.State, m.At!.Value, m.SincePrevious)));
        Assert.Equal(TimeSpan.FromSeconds(7.5), timeline.Total);
        Assert.Equal(T0.AddSeconds(2), timeline.Entries[1].PlivoTime);
        Assert.Empty(timeline.Flags);
    }

    [Fact]
    public void FailedMessageGoesStraightFromQueuedToFailed()
    {
        var detail = Detail(MessageState.Failed, "GB",
            Event(MessageState.Queued, 1, T0, "{}"),
            Event(MessageState.Failed, 2, T0.AddSeconds(1), """{"ErrorCode":"900"}"""));

        var timeline = DeliveryTimeline.Build(detail, T0.AddDays(1), StuckAfter);

        Assert.Equal([MessageState.Queued, MessageState.Failed], timeline.Milestones.Select(m => m.State));
        Assert.All(timeline.Milestones, m => Assert.True(m.Reached));
    }

    [Fact]
    public void StatusArrivingAfterAHigherSequenceIsFlaggedWithThatSequence()
    {
        var detail = Detail(MessageState.Delivered, "US",
            Event(MessageState.Queued, 1, T0, "{}"),
            Event(MessageState.Delivered, 3, T0.AddSeconds(4), "{}"),
            Event(MessageState.Sent, 2, T0.AddSeconds(60), "{}", applied: false));

        var timeline = DeliveryTimeline.Build(detail, T0.AddDays(1), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal(TimelineFlagKind.OutOfOrder, flag.Kind);
        Assert.Equal("The sent callback (sequence 2) arrived after sequence 3: kept in the timeline, not applied.", flag.Text);
        Assert.True(timeline.Entries[2].Late);
        Assert.Equal(3, timeline.Entries[2].SequenceBefore);
    }

    [Fact]
    public void PlivosQueuedCallbackAfterOurSendIsAConfirmationNotALateCallback()
    {
        // Stored as not applied by the writer before it told confirmations from late callbacks: still not late.
        var detail = Detail(MessageState.Sent, "US",
            Event(MessageState.Queued, -1, T0, """{"text":"hi"}""", kind: MessageEventKind.SendAccepted),
            Event(MessageState.Queued, 1, T0.AddMilliseconds(200), "{}", applied: false),
            Event(MessageState.Sent, 2, T0.AddSeconds(1), "{}"));

        var timeline = DeliveryTimeline.Build(detail, T0.AddMinutes(5), StuckAfter);

        Assert.Empty(timeline.Flags);
        Assert.DoesNotContain(timeline.Entries, e => e.Late);
    }

    [Fact]
    public void QueuedCallbackAfterSentIsStillLate()
    {
        var detail = Detail(MessageState.Sent, "US",
            Event(MessageState.Queued, -1, T0, "{}", kind: MessageEventKind.SendAccepted),
            Event(MessageState.Sent, 2, T0.AddSeconds(1), "{}"),
            Event(MessageState.Queued, 1, T0.AddSeconds(2), "{}", applied: false));

        var timeline = DeliveryTimeline.Build(detail, T0.AddMinutes(5), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal(TimelineFlagKind.OutOfOrder, flag.Kind);
        Assert.Equal("The queued callback (sequence 1) arrived after sequence 2: kept in the timeline, not applied.", flag.Text);
        Assert.Equal([false, false, true], timeline.Entries.Select(e => e.Late));
    }

    [Fact]
    public void StatusWithoutSequencesBehindALaterStateNamesThatState()
    {
        var detail = Detail(MessageState.Sent, "US",
            Event(MessageState.Queued, -1, T0, "{}", kind: MessageEventKind.SendAccepted),
            Event(MessageState.Sent, null, T0.AddSeconds(1), "{}"),
            Event(MessageState.Queued, null, T0.AddSeconds(2), "{}", applied: false));

        var timeline = DeliveryTimeline.Build(detail, T0.AddMinutes(5), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal("The queued callback arrived after the message was already sent: kept in the timeline, not applied.", flag.Text);
        Assert.Equal(MessageState.Sent, timeline.Entries[2].StateBefore);
    }

    [Fact]
    public void AnotherFinalStateWithoutSequencesIsAConflictNotALateCallback()
    {
        var detail = Detail(MessageState.Delivered, "DE",
            Event(MessageState.Delivered, null, T0, "{}"),
            Event(MessageState.Undelivered, null, T0.AddSeconds(30), "{}", applied: false));

        var timeline = DeliveryTimeline.Build(detail, T0.AddMinutes(5), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal(TimelineFlagKind.ConflictingState, flag.Kind);
        Assert.StartsWith("The undelivered callback contradicts the delivered state", flag.Text, StringComparison.Ordinal);
        Assert.True(timeline.Entries[1].Conflicting);
        Assert.False(timeline.Entries[1].Late);
    }

    [Fact]
    public void RepeatedCallbackIsFlaggedOnceWithItsCount()
    {
        var detail = Detail(MessageState.Sent, "US",
            Event(MessageState.Queued, 1, T0, "{}"),
            Event(MessageState.Sent, 2, T0.AddSeconds(1), "{}", repeats: 1));

        var timeline = DeliveryTimeline.Build(detail, T0.AddMinutes(5), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal(TimelineFlagKind.DuplicateCallback, flag.Kind);
        Assert.StartsWith("The sent callback (sequence 2) arrived 2 times", flag.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SentWithoutReportPastTheAgeIsNormalForUsAndCanadaAndOnlyInformationElsewhere()
    {
        var events = new[] { Event(MessageState.Queued, 1, T0, "{}"), Event(MessageState.Sent, 2, T0.AddSeconds(1), "{}") };

        var us = DeliveryTimeline.Build(Detail(MessageState.Sent, "CA", events), T0.AddHours(2), StuckAfter);
        var de = DeliveryTimeline.Build(Detail(MessageState.Sent, "DE", events), T0.AddHours(2), StuckAfter);
        var early = DeliveryTimeline.Build(Detail(MessageState.Sent, "DE", events), T0.AddMinutes(59), StuckAfter);

        var usFlag = Assert.Single(us.Flags);
        Assert.Equal((TimelineFlagKind.NoDeliveryReport, TimelineFlagSeverity.Info), (usFlag.Kind, usFlag.Severity));
        Assert.Contains("This is normal here", usFlag.Text, StringComparison.Ordinal);
        var deFlag = Assert.Single(de.Flags);
        Assert.Equal(TimelineFlagSeverity.Info, deFlag.Severity);
        Assert.Contains("some networks never send one", deFlag.Text, StringComparison.Ordinal);
        Assert.Empty(early.Flags);
        Assert.False(us.Milestones[^1].Reached);
    }

    [Fact]
    public void StillQueuedPastTheAgeIsAWarningAboutExpiry()
    {
        var timeline = DeliveryTimeline.Build(Detail(MessageState.Queued, "US", Event(MessageState.Queued, 1, T0, "{}")), T0.AddMinutes(90), StuckAfter);

        var flag = Assert.Single(timeline.Flags);
        Assert.Equal((TimelineFlagKind.StuckQueued, TimelineFlagSeverity.Warning), (flag.Kind, flag.Severity));
        Assert.Contains("Still queued 1 h 30 min later", flag.Text, StringComparison.Ordinal);
        Assert.Contains("420", flag.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InboundMessageIsOneReceivedMilestoneAndNeverStuck()
    {
        var detail = Detail(MessageState.Delivered, "US", Event(MessageState.Delivered, null, T0, "{}", kind: MessageEventKind.Inbound));
        detail.Message.Direction = MessageDirection.Inbound;

        var timeline = DeliveryTimeline.Build(detail, T0.AddDays(3), StuckAfter);

        Assert.Equal([MessageState.Received], timeline.Milestones.Select(m => m.State));
        Assert.Empty(timeline.Flags);
    }

    [Theory]
    [InlineData(0.25, "250 ms")]
    [InlineData(4.2, "4.2 s")]
    [InlineData(725, "12 min 5 s")]
    [InlineData(11_100, "3 h 5 min")]
    [InlineData(187_200, "2 d 4 h")]
    public void DurationsReadAsPeopleSayThem(double seconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));

    private static MessageDetail Detail(MessageState state, string country, params MessageEvent[] events) =>
        new(new Message
        {
            Id = 1,
            MessageUuid = "m",
            State = state,
            CountryIso2 = country,
            MessageTime = T0,
            UpdatedAt = events.Max(e => e.ReceivedAt),
        }, events, []);

    private static MessageEvent Event(MessageState state, int? sequence, DateTime receivedAt, string raw, int repeats = 0, bool applied = true,
        MessageEventKind kind = MessageEventKind.StatusCallback) => new()
        {
            MessageId = 1,
            Kind = kind,
            State = state,
            Sequence = sequence,
            ReceivedAt = receivedAt,
            Repeats = repeats,
            Applied = applied,
            RawParameters = raw,
        };
}
