namespace Dashboard.Core.Conversations;

/// <summary>
/// The channel of an inbox conversation. SMS and MMS with the same contact share one thread, as on a
/// phone; WhatsApp is its own thread because its rules (24-hour window, templates) differ.
/// </summary>
public enum ConversationChannel
{
    Sms = 0,
    WhatsApp = 1,
}

/// <summary>
/// An agent-facing thread: one per (our number, contact number, channel), kept current by the ingest
/// writer so the inbox list never scans the message table.
/// </summary>
public sealed class Conversation
{
    public long Id { get; set; }

    /// <summary>Our Plivo number (or sender ID).</summary>
    public required string OurNumber { get; set; }

    public required string ContactNumber { get; set; }

    public ConversationChannel Channel { get; set; }

    public DateTime LastMessageAt { get; set; }

    public string? LastMessagePreview { get; set; }

    public bool LastMessageInbound { get; set; }

    public int UnreadCount { get; set; }

    public int MessageCount { get; set; }

    /// <summary>The contact's last inbound message; for WhatsApp it opens the 24-hour customer-service window.</summary>
    public DateTime? LastInboundAt { get; set; }
}

/// <summary>
/// Whether a contact has opted out of messages from one of our numbers (STOP), and since when.
/// One row per pair; its history is the inbound keyword messages themselves.
/// </summary>
public sealed class OptOut
{
    public long Id { get; set; }

    public required string OurNumber { get; set; }

    public required string ContactNumber { get; set; }

    public bool IsOptedOut { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>The keyword or action that last changed it (e.g. "STOP", "START", "agent").</summary>
    public string? Reason { get; set; }
}
