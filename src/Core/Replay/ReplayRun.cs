namespace Dashboard.Core.Replay;

/// <summary>One callback replay an admin ran: who, when, what, and what it came to (ADR-013).</summary>
public sealed class ReplayRun
{
    public const int MaxDescription = 400;

    public long Id { get; set; }

    public required string By { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Null while it runs, or when the app stopped before it ended.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>The filter or the file's name (<see cref="ReplaySource.Description"/>).</summary>
    public required string Source { get; set; }

    /// <summary>Callbacks read (stored events, or the file's non-blank lines).</summary>
    public int Read { get; set; }

    /// <summary>Messages whose state the replay changed (created ones included).</summary>
    public int Changed { get; set; }

    /// <summary>Of <see cref="Changed"/>, messages the replay created (unknown before: a back-fill).</summary>
    public int Created { get; set; }

    /// <summary>Messages the replay's callbacks named that kept their state.</summary>
    public int Unchanged { get; set; }

    /// <summary>Callbacks not replayed: unreadable lines or parameters.</summary>
    public int Rejected { get; set; }
}
