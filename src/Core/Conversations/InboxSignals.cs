namespace Dashboard.Core.Conversations;

/// <summary>
/// In-process notice of inbox changes the ingest writer does not publish on the live feed: a conversation
/// marked read, an agent's opt-out or opt-in. The navigation badge and open inbox pages listen to it.
/// </summary>
public sealed class InboxSignals
{
    /// <summary>Raised with the conversation's id (or 0 when the change is not tied to one conversation).</summary>
    public event Action<long>? Changed;

    public void Raise(long conversationId) => Changed?.Invoke(conversationId);
}
