using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Replay;

/// <summary>Limits of callback replay (<c>Replay</c> section, ADR-013).</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Replay";

    /// <summary>The largest callback file taken (default 16 MiB, some 40,000 form-encoded callbacks).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// How many callbacks are handed to the writer at a time, awaited before the next: they share its group-commit
    /// transactions, and a webhook arriving meanwhile waits behind at most this many writes. 100 replays as fast as 500
    /// or 2,000 on SQLite and keeps a webhook's wait lowest (README, "Callback replay" benchmark).
    /// </summary>
    [Range(1, 2_000)]
    public int BatchSize { get; set; } = 100;
}
