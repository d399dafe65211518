using Dashboard.Core.Messages;

namespace Dashboard.Core.Replay;

/// <summary>Messages that went (or would go) from one state to another; <see cref="From"/> is null for ones created.</summary>
public sealed record ReplayTransition(MessageState? From, MessageState To, int Messages);

/// <summary>A callback not replayed: where it was ("line 7", "event 1234") and why.</summary>
public sealed record RejectedCallback(string Where, string Reason);

/// <summary>
/// What a replay did, or in a preview would do: callbacks read and rejected, and per message touched whether its state
/// changed and how (first state before the replay → state after it).
/// </summary>
public sealed record ReplayReport
{
    /// <summary>At most this many rejected callbacks are listed; <see cref="Rejected"/> counts them all.</summary>
    public const int MaxListedRejections = 100;

    public bool IsPreview { get; init; }

    public int Read { get; init; }

    public int Rejected { get; init; }

    public IReadOnlyList<RejectedCallback> Rejections { get; init; } = [];

    public int Changed { get; init; }

    /// <summary>Of <see cref="Changed"/>, messages we had no record of (created by the replay).</summary>
    public int Created { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Changed messages by (from, to), most first.</summary>
    public IReadOnlyList<ReplayTransition> Transitions { get; init; } = [];

    /// <summary>Set instead of counts when the replay could not start (a bad filter, another replay running).</summary>
    public string? Problem { get; init; }
}
