using Dashboard.Core.Messages;

namespace Dashboard.Core.Replay;

/// <summary>What to replay: stored callbacks matching a filter, or a file of callbacks received elsewhere.</summary>
public abstract record ReplaySource
{
    /// <summary>What the replay record says it replayed: the filter, or the file's name.</summary>
    public abstract string Description { get; }
}

/// <summary>
/// Stored status callbacks (and earlier replays) matching every criterion given: received in [<see cref="From"/>,
/// <see cref="To"/>), of one message, with one status. At least one criterion is needed.
/// </summary>
public sealed record StoredCallbacks : ReplaySource
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? MessageUuid { get; init; }

    public MessageState? Status { get; init; }

    /// <summary>Why the filter cannot be used, or null.</summary>
    public string? Problem =>
        From is null && To is null && string.IsNullOrWhiteSpace(MessageUuid) && Status is null
            ? "Choose a time range, a message or a status."
            : From > To ? "The time range ends before it starts." : null;

    public override string Description => string.Join(", ", new[]
    {
        From is { } f ? $"from {f:yyyy-MM-dd HH:mm} UTC" : null,
        To is { } t ? $"to {t:yyyy-MM-dd HH:mm} UTC" : null,
        string.IsNullOrWhiteSpace(MessageUuid) ? null : $"message {MessageUuid.Trim()}",
        Status is { } s ? $"status {PlivoNames.Of(s)}" : null,
    }.Where(p => p is not null));
}

/// <summary>A file of callbacks exported elsewhere (<see cref="CallbackFile"/>), already read and checked for size.</summary>
public sealed record ImportedCallbacks(string FileName, CallbackFile File) : ReplaySource
{
    public override string Description => $"file {FileName}";
}
