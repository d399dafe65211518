namespace Dashboard.Core.Conversations;

/// <summary>Where a conversation stands with respect to WhatsApp's customer-service window.</summary>
public enum WindowStatus
{
    /// <summary>SMS/MMS: there is no window; freeform text may always be sent (opt-outs aside).</summary>
    NotApplicable,

    /// <summary>The contact has never messaged us on WhatsApp from this number: only a template can start.</summary>
    NeverOpened,

    /// <summary>Less than 24 hours since the contact's last inbound WhatsApp message: freeform allowed.</summary>
    Open,

    /// <summary>24 hours or more since the contact's last inbound message: only a template may be sent.</summary>
    Closed,
}

/// <summary>
/// WhatsApp's customer-service window of one conversation: it opens when the contact messages us and each
/// further inbound message resets it; it closes 24 hours after the last one (docs/plivo/whatsapp.md).
/// Our own outbound messages never move it, and a window belongs to one of our numbers only, because each
/// (our number, contact, channel) is its own <see cref="Conversation"/>.
/// </summary>
/// <param name="Status">Open, closed, never opened, or not applicable (SMS).</param>
/// <param name="OpenedAt">The contact's last inbound WhatsApp message, when there was one.</param>
/// <param name="ClosesAt">When the window closes (or closed): <paramref name="OpenedAt"/> plus 24 hours.</param>
/// <param name="Remaining">Time left while open; zero otherwise.</param>
public sealed record ConversationWindow(WindowStatus Status, DateTime? OpenedAt, DateTime? ClosesAt, TimeSpan Remaining)
{
    /// <summary>The customer-service window's length.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public bool IsOpen => Status == WindowStatus.Open;

    /// <summary>
    /// Computes the window at <paramref name="now"/>. The window is half-open, [last inbound, last inbound + 24 h):
    /// at exactly 24 hours it is closed, as a freeform send at that instant would already be refused.
    /// </summary>
    public static ConversationWindow Compute(ConversationChannel channel, DateTime? lastInboundAt, DateTimeOffset now)
    {
        if (channel != ConversationChannel.WhatsApp)
        {
            return new(WindowStatus.NotApplicable, null, null, TimeSpan.Zero);
        }

        if (lastInboundAt is not { } opened)
        {
            return new(WindowStatus.NeverOpened, null, null, TimeSpan.Zero);
        }

        var closes = opened + Length;
        var remaining = closes - now.UtcDateTime;
        return remaining > TimeSpan.Zero
            ? new(WindowStatus.Open, opened, closes, remaining)
            : new(WindowStatus.Closed, opened, closes, TimeSpan.Zero);
    }

    /// <summary>The earliest last-inbound time whose window is still open at <paramref name="now"/> (exclusive bound).</summary>
    public static DateTime OpenSince(DateTimeOffset now) => now.UtcDateTime - Length;
}
