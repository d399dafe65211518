using System.Globalization;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Messages;

/// <summary>How loudly the timeline should say something.</summary>
public enum TimelineFlagSeverity
{
    /// <summary>Worth knowing, nothing to fix (a duplicate callback, no report on a network that sends none).</summary>
    Info,

    /// <summary>Someone may have to look (stuck in Plivo's queue, no report where one is expected).</summary>
    Warning,
}

/// <summary>What a timeline flag is about.</summary>
public enum TimelineFlagKind
{
    /// <summary>The same callback (status and sequence) arrived more than once.</summary>
    DuplicateCallback,

    /// <summary>A status arrived after a later one and was kept but not applied.</summary>
    OutOfOrder,

    /// <summary>Two final states with no sequences to order them: the first was kept, the other not applied.</summary>
    ConflictingState,

    /// <summary>Still queued past the configured age.</summary>
    StuckQueued,

    /// <summary>Sent, with no delivery report past the configured age.</summary>
    NoDeliveryReport,

    /// <summary>Asked about it as a silent message, Plivo answered that it does not know it.</summary>
    UnknownToPlivo,
}

/// <summary>Something the delivery reporting of this message did that deserves a word.</summary>
public sealed record TimelineFlag(TimelineFlagKind Kind, TimelineFlagSeverity Severity, string Text);

/// <summary>
/// One event as the timeline shows it: when we received it, the time Plivo stamped on that state, and what it was
/// against the state the message had when it arrived (a confirmation, a step forward, late, or a conflict).
/// </summary>
/// <param name="PlivoTime">Plivo's own timestamp for the state (QueuedTime, SentTime or DeliveryReportTime of the call), when it sent one.</param>
/// <param name="Verdict">For a status callback, <see cref="MessageStateRules.Judge"/> against what came before it; null otherwise.</param>
/// <param name="StateBefore">The message's state when it arrived; null for the event that created the message.</param>
/// <param name="SequenceBefore">The highest sequence received before it; null when none had one.</param>
public sealed record TimelineEntry(
    MessageEvent Event,
    DateTime? PlivoTime,
    StatusVerdict? Verdict,
    MessageState? StateBefore,
    int? SequenceBefore,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public MessageState State => Event.State;

    public DateTime ReceivedAt => Event.ReceivedAt;

    /// <summary>The callback's sequence; null for our own send (stored as -1) and calls without one.</summary>
    public int? Sequence => Event.Sequence is >= 0 ? Event.Sequence : null;

    public bool Duplicate => Event.Repeats > 0;

    /// <summary>Behind a later state or sequence: kept, not applied.</summary>
    public bool Late => Verdict == StatusVerdict.Late;

    /// <summary>Another final state with nothing to order the two by: kept, not applied.</summary>
    public bool Conflicting => Verdict == StatusVerdict.Conflicts;
}

/// <summary>A state the message reached (or is waiting for), with the time spent since the previous one.</summary>
/// <param name="At">Plivo's time for the state; null while <see cref="Reached"/> is false.</param>
public sealed record DeliveryMilestone(MessageState State, string Label, DateTime? At, TimeSpan? SincePrevious, bool Reached);

/// <summary>A message's delivery story: milestones queued → sent → delivered/read, every callback, and flags.</summary>
public sealed record DeliveryTimeline(
    IReadOnlyList<DeliveryMilestone> Milestones,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<TimelineFlag> Flags)
{
    /// <summary>Queued to the last milestone reached, when both times are known.</summary>
    public TimeSpan? Total =>
        Milestones.FirstOrDefault(m => m.Reached)?.At is { } first && Milestones.LastOrDefault(m => m.Reached)?.At is { } last && last >= first
            ? last - first
            : null;

    /// <summary>
    /// Builds the timeline of <paramref name="detail"/> as of <paramref name="nowUtc"/>; a message still queued or
    /// sent <paramref name="stuckAfter"/> after its last progress is flagged.
    /// </summary>
    public static DeliveryTimeline Build(MessageDetail detail, DateTime nowUtc, TimeSpan stuckAfter)
    {
        var message = detail.Message;
        var entries = new List<TimelineEntry>(detail.Timeline.Count);

        // Replays the events in the order the writer took them, through the writer's own rule, rather than trusting the
        // stored Applied flag alone: the writer once stored Plivo's confirming queued callback as not applied.
        MessageState? state = null;
        int? highest = null;
        foreach (var e in detail.Timeline)
        {
            var parameters = Parse(e.RawParameters);
            StatusVerdict? verdict = null;
            if (e.Kind is MessageEventKind.StatusCallback or MessageEventKind.Reconciled or MessageEventKind.Replayed)
            {
                verdict = state is { } current ? MessageStateRules.Judge(current, highest, e.State, e.Sequence) : StatusVerdict.Advances;
            }

            entries.Add(new TimelineEntry(e, PlivoTimeOf(e, parameters), verdict, state, highest, parameters));
            if (verdict is { } v ? MessageStateRules.IsApplied(v) : state is null)
            {
                state = e.State;
            }

            if (e.Sequence is >= 0 and var sequence && (highest is null || sequence > highest))
            {
                highest = sequence;
            }
        }

        return new DeliveryTimeline(BuildMilestones(message, entries), entries, BuildFlags(message, entries, nowUtc, stuckAfter));
    }

    private static List<DeliveryMilestone> BuildMilestones(Message message, List<TimelineEntry> entries)
    {
        if (message.Direction == MessageDirection.Inbound)
        {
            return [new DeliveryMilestone(MessageState.Received, "Received", message.MessageTime, null, true)];
        }

        DateTime? TimeOf(MessageState state) =>
            entries.Where(e => e.State == state && e.Event.Kind is MessageEventKind.StatusCallback or MessageEventKind.Reconciled or MessageEventKind.Replayed)
                .Select(e => e.PlivoTime ?? e.ReceivedAt).Cast<DateTime?>().Min();

        var steps = new List<(MessageState State, string Label, DateTime? At, bool Reached)>
        {
            (MessageState.Queued, "Queued", message.QueuedTime ?? TimeOf(MessageState.Queued) ?? message.MessageTime, true),
        };
        var state = message.State;
        if (state == MessageState.Failed || state == MessageState.Rejected)
        {
            steps.Add((state, state == MessageState.Failed ? "Failed" : "Rejected", TimeOf(state) ?? message.UpdatedAt, true));
        }
        else
        {
            var sent = message.SentTime ?? TimeOf(MessageState.Sent);
            var reachedSent = MessageStateRules.Rank(state) >= 1;
            steps.Add((MessageState.Sent, "Sent to carrier", sent, reachedSent));
            var final = state is MessageState.Undelivered ? MessageState.Undelivered : MessageState.Delivered;
            var finalAt = TimeOf(final) ?? (MessageStateRules.IsFinal(state) ? message.DeliveryReportTime : null);
            steps.Add((final, final == MessageState.Delivered ? "Delivered" : "Undelivered", finalAt, MessageStateRules.IsFinal(state)));
            if (state == MessageState.Read)
            {
                steps.Add((MessageState.Read, "Read", TimeOf(MessageState.Read) ?? message.DeliveryReportTime, true));
            }
        }

        var milestones = new List<DeliveryMilestone>(steps.Count);
        DateTime? previous = null;
        foreach (var (s, label, at, reached) in steps)
        {
            var shownAt = reached ? at : null;
            milestones.Add(new DeliveryMilestone(s, label, shownAt,
                shownAt is { } t && previous is { } p && t >= p ? t - p : null, reached));
            previous = shownAt ?? previous;
        }

        return milestones;
    }

    private static List<TimelineFlag> BuildFlags(Message message, List<TimelineEntry> entries, DateTime nowUtc, TimeSpan stuckAfter)
    {
        var flags = new List<TimelineFlag>();
        foreach (var e in entries.Where(e => e.Event.Kind == MessageEventKind.UnknownToPlivo))
        {
            flags.Add(new TimelineFlag(TimelineFlagKind.UnknownToPlivo, TimelineFlagSeverity.Warning,
                "Plivo does not know this message: asked about it because no final state came, its Get Message API answered "
                + "404. It may have been sent from another account, or its record is past Plivo's retention."));
        }

        foreach (var e in entries.Where(e => e.Duplicate && e.Event.Kind == MessageEventKind.StatusCallback))
        {
            flags.Add(new TimelineFlag(TimelineFlagKind.DuplicateCallback, TimelineFlagSeverity.Info,
                $"The {PlivoNames.Of(e.State)} callback{SequenceText(e.Sequence)} arrived {e.Event.Repeats + 1} times; "
                + "the repeats were counted, not applied again (Plivo retries callbacks it thinks failed)."));
        }

        foreach (var e in entries.Where(e => e.Late && e.Event.Kind == MessageEventKind.StatusCallback))
        {
            var why = e.SequenceBefore is { } after && e.Sequence is { } own && own < after
                ? $"arrived after sequence {after}"
                : $"arrived after the message was already {PlivoNames.Of(e.StateBefore!.Value)}";
            flags.Add(new TimelineFlag(TimelineFlagKind.OutOfOrder, TimelineFlagSeverity.Info,
                $"The {PlivoNames.Of(e.State)} callback{SequenceText(e.Sequence)} {why}: kept in the timeline, not applied."));
        }

        foreach (var e in entries.Where(e => e.Conflicting && e.Event.Kind == MessageEventKind.StatusCallback))
        {
            flags.Add(new TimelineFlag(TimelineFlagKind.ConflictingState, TimelineFlagSeverity.Info,
                $"The {PlivoNames.Of(e.State)} callback{SequenceText(e.Sequence)} contradicts the {PlivoNames.Of(e.StateBefore!.Value)} state "
                + "stored before it, and without a sequence on both there is no telling which Plivo generated later: "
                + "the first one stays; this one is kept in the timeline, not applied."));
        }

        if (message.Direction == MessageDirection.Outbound && message.State is MessageState.Queued or MessageState.Sent)
        {
            var lastProgress = entries.Where(e => e.Event.Applied).Select(e => e.ReceivedAt).DefaultIfEmpty(message.UpdatedAt).Max();
            var age = nowUtc - lastProgress;
            if (age >= stuckAfter && message.State == MessageState.Queued)
            {
                flags.Add(new TimelineFlag(TimelineFlagKind.StuckQueued, TimelineFlagSeverity.Warning,
                    $"Still queued {Durations.Format(age)} later. Plivo expires messages that wait longer than message_expiry "
                    + "(3 hours by default) as failed with error 420; a long queue usually means the sending rate is over the number's limit."));
            }
            else if (age >= stuckAfter)
            {
                var northAmerica = message.CountryIso2 is "US" or "CA";
                flags.Add(northAmerica
                    ? new TimelineFlag(TimelineFlagKind.NoDeliveryReport, TimelineFlagSeverity.Info,
                        $"No delivery report {Durations.Format(age)} after it was sent. This is normal here: US and Canadian carriers "
                        + "return no delivery reports, so sent is the final state Plivo will report.")
                    : new TimelineFlag(TimelineFlagKind.NoDeliveryReport, TimelineFlagSeverity.Info,
                        $"No delivery report {Durations.Format(age)} after it was sent. Not necessarily a problem: delivery reports are "
                        + "not universal and some networks never send one, so sent may be final. If this network usually reports, "
                        + "look the message up in Plivo (GET /Message/{uuid}/)."));
            }
        }

        return flags;
    }

    private static DateTime? PlivoTimeOf(MessageEvent e, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        // A replayed callback carries Plivo's times as the original did.
        if (e.Kind is not (MessageEventKind.StatusCallback or MessageEventKind.Replayed))
        {
            return null;
        }

        var key = e.State switch
        {
            MessageState.Queued => "QueuedTime",
            MessageState.Sent => "SentTime",
            MessageState.Delivered or MessageState.Undelivered or MessageState.Read => "DeliveryReportTime",
            _ => null,
        };
        var text = key is null ? null : parameters.FirstOrDefault(p => p.Key == key).Value;
        return PlivoTime.TryParse(text, out var at) ? at : null;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Parse(string raw)
    {
        try
        {
            return RawJson.Deserialize(raw);
        }
        catch (System.Text.Json.JsonException)
        {
            return [new("(unreadable)", raw)];
        }
    }

    private static string SequenceText(int? sequence) => sequence is { } s ? $" (sequence {s})" : "";
}

/// <summary>Durations as people say them, for timelines and speed tables.</summary>
public static class Durations
{
    /// <summary>"850 ms", "4.2 s", "12 min 5 s", "3 h 5 min", "2 d 4 h".</summary>
    public static string Format(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalMilliseconds):0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
        { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
    };

    public static string Format(TimeSpan? span, string missing = "—") => span is { } value ? Format(value) : missing;
}
