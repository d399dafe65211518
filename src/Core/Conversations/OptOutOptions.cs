namespace Dashboard.Core.Conversations;

/// <summary>
/// Keyword lists and the confirmation texts of opt-out handling. Defaults are Plivo's documented keywords
/// (docs/plivo/inbound-messages.md: the union of its page versions); a deployment can change them in configuration.
/// </summary>
public sealed class OptOutOptions
{
    public const string SectionName = "OptOut";

    public List<string> OptOutKeywords { get; set; } = ["STOP", "STOP ALL", "STOPALL", "END", "QUIT", "CANCEL", "UNSUBSCRIBE", "UNSUB"];

    public List<string> OptInKeywords { get; set; } = ["START", "YES", "UNSTOP", "RESUME", "RESUME ALL", "GO"];

    public List<string> HelpKeywords { get; set; } = ["HELP", "INFO"];

    /// <summary>Sent back (SMS only, as Message XML) when a contact opts out; empty to send nothing.</summary>
    public string OptOutReply { get; set; } = "You have been unsubscribed and will receive no further messages. Reply START to resubscribe.";

    public string OptInReply { get; set; } = "You have been resubscribed. Reply STOP to unsubscribe.";

    public string HelpReply { get; set; } = "Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply.";
}
