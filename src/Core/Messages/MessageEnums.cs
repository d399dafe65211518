namespace Dashboard.Core.Messages;

/// <summary>Plivo's <c>message_direction</c>.</summary>
public enum MessageDirection
{
    Outbound = 0,
    Inbound = 1,
}

/// <summary>Plivo's <c>message_type</c>.</summary>
public enum MessageType
{
    Sms = 0,
    Mms = 1,
    WhatsApp = 2,
}

/// <summary>
/// Plivo's <c>message_state</c>, outbound and inbound. The numeric values are stored; never renumber.
/// </summary>
public enum MessageState
{
    Queued = 0,
    Sent = 1,
    Delivered = 2,
    Undelivered = 3,
    Failed = 4,
    Read = 5,
    Received = 6,
    Rejected = 7,
}

/// <summary>What produced a timeline event.</summary>
public enum MessageEventKind
{
    /// <summary>A status callback from Plivo (or the simulator).</summary>
    StatusCallback = 0,

    /// <summary>An inbound-message webhook.</summary>
    Inbound = 1,

    /// <summary>Our own Send Message API call that Plivo accepted.</summary>
    SendAccepted = 2,

    /// <summary>
    /// Plivo's answer to our Get Message call about a silent message (reconciliation, docs/plivo/send-message.md):
    /// taken by the same forward-only rules as a callback.
    /// </summary>
    Reconciled = 3,

    /// <summary>Plivo answered our Get Message call about a silent message with 404: it does not know the message.</summary>
    UnknownToPlivo = 4,

    /// <summary>
    /// A stored or imported status callback that an admin replayed (callback replay, ADR-013) and that moved the message
    /// on; a replay that changes nothing stores no event.
    /// </summary>
    Replayed = 5,
}

/// <summary>The wire names Plivo uses for the enums, in one place.</summary>
public static class PlivoNames
{
    /// <summary>Where a timeline event came from, as the read API names it.</summary>
    public static string Of(MessageEventKind kind) => kind switch
    {
        MessageEventKind.Inbound => "inbound",
        MessageEventKind.SendAccepted => "send_accepted",
        MessageEventKind.Reconciled => "reconciled",
        MessageEventKind.UnknownToPlivo => "unknown_to_plivo",
        MessageEventKind.Replayed => "replayed",
        _ => "status_callback",
    };

    public static string Of(MessageDirection direction) => direction == MessageDirection.Inbound ? "inbound" : "outbound";

    public static string Of(MessageType type) => type switch
    {
        MessageType.Mms => "mms",
        MessageType.WhatsApp => "whatsapp",
        _ => "sms",
    };

    public static string Of(MessageState state) => state switch
    {
        MessageState.Queued => "queued",
        MessageState.Sent => "sent",
        MessageState.Delivered => "delivered",
        MessageState.Undelivered => "undelivered",
        MessageState.Failed => "failed",
        MessageState.Read => "read",
        MessageState.Received => "received",
        _ => "rejected",
    };

    public static bool TryParseDirection(string? text, out MessageDirection direction)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "outbound": direction = MessageDirection.Outbound; return true;
            case "inbound": direction = MessageDirection.Inbound; return true;
            default: direction = default; return false;
        }
    }

    /// <summary>Parses <c>sms</c>, <c>mms</c> or <c>whatsapp</c>; an empty value is Plivo's default, <c>sms</c>.</summary>
    public static bool TryParseType(string? text, out MessageType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "sms": type = MessageType.Sms; return true;
            case "mms": type = MessageType.Mms; return true;
            case "whatsapp": type = MessageType.WhatsApp; return true;
            default: type = default; return false;
        }
    }

    public static bool TryParseState(string? text, out MessageState state)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "queued": state = MessageState.Queued; return true;
            case "sent": state = MessageState.Sent; return true;
            case "delivered": state = MessageState.Delivered; return true;
            case "undelivered": state = MessageState.Undelivered; return true;
            case "failed": state = MessageState.Failed; return true;
            case "read": state = MessageState.Read; return true;
            case "received": state = MessageState.Received; return true;
            case "rejected": state = MessageState.Rejected; return true;
            default: state = default; return false;
        }
    }
}
