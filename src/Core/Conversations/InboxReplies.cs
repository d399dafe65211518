using Dashboard.Core.Messages;
using Dashboard.Core.Sending;

namespace Dashboard.Core.Conversations;

/// <summary>The outcome of an agent's reply: sent (with the new message's UUID) or refused, and why.</summary>
/// <param name="Refusal">The inbox rule that refused it; <see cref="ReplyRefusal.None"/> when the send service did.</param>
public sealed record InboxReplyResult(string? MessageUuid, ReplyRefusal Refusal, string? Error)
{
    public bool Sent => MessageUuid is not null;

    public static InboxReplyResult NotFound { get; } = new(null, ReplyRefusal.None, "The conversation does not exist.");
}

/// <summary>What the composer shows for a draft: whether it may be sent, the first problem, and the compose page's figures.</summary>
/// <param name="Problem">The inbox rule or send-service validation message that stops it, or null.</param>
/// <param name="Preview">The send service's encoding, units and cost estimate for this reply.</param>
public sealed record ReplyCheck(bool CanSend, ReplyRefusal Refusal, string? Problem, ComposePreview Preview);

/// <summary>
/// The inbox's commands: reply in a conversation through the <see cref="SendService"/> (the compose page's
/// validation, opt-out check, units and cost), after enforcing <see cref="ReplyPolicy"/> whatever the page
/// offered; mark it read; and an agent's opt-out or opt-in of the contact. Every write goes through the single writer,
/// which publishes it on the live feed.
/// </summary>
public sealed class InboxReplies(InboxQueries queries, ReplyPolicy policy, SendService send, MessageWriter writer)
{
    /// <summary>The <see cref="OptOut.Reason"/> of an agent's opt-out, e.g. after a free-text request.</summary>
    public const string AgentOptOutReason = "agent: opt-out";

    public const string AgentOptInReason = "agent: opt-in";

    /// <summary>Checks a draft without sending: inbox rules first, then the send service's own validation.</summary>
    public ReplyCheck Check(ConversationDetail detail, ReplyDraft draft)
    {
        var check = send.Check(ToSendCommand(detail.Conversation, draft));
        var verdict = policy.Check(detail.ReplyContext, draft);
        if (!verdict.IsAllowed)
        {
            return new(false, verdict.Refusal, verdict.Reason, check.Preview);
        }

        return check.IsValid
            ? new(true, ReplyRefusal.None, null, check.Preview)
            : new(false, ReplyRefusal.None, string.Join(" ", check.Errors.Values.SelectMany(e => e)), check.Preview);
    }

    /// <summary>
    /// Sends the reply. On success the send service has already stored it as queued (so it is in the thread, and on
    /// the live feed) before this returns; its callbacks then move it on.
    /// </summary>
    public async Task<InboxReplyResult> SendAsync(long conversationId, ReplyDraft draft, CancellationToken cancellationToken = default)
    {
        var detail = await queries.GetAsync(conversationId, cancellationToken);
        if (detail is null)
        {
            return InboxReplyResult.NotFound;
        }

        var verdict = policy.Check(detail.ReplyContext, draft);
        if (!verdict.IsAllowed)
        {
            return new(null, verdict.Refusal, verdict.Reason);
        }

        var outcome = await send.SendAsync(ToSendCommand(detail.Conversation, draft), cancellationToken);
        return outcome.Sent
            ? new(outcome.Messages[0].MessageUuid, ReplyRefusal.None, null)
            : new(null, ReplyRefusal.None, string.Join(" ", outcome.Errors.Values.SelectMany(e => e)));
    }

    /// <summary>
    /// Marks the conversation read as the agent's view <paramref name="seen"/> had it, through the single writer: true when
    /// its unread count went to zero. A message that arrived after the view was read is not read away (it keeps its
    /// count until the view, shown it live, marks again); see <see cref="MessageWriter.MarkReadAsync"/>.
    /// </summary>
    public async Task<bool> MarkReadAsync(Conversation seen, CancellationToken cancellationToken = default) =>
        seen.UnreadCount > 0 && await writer.MarkReadAsync(seen.Id, seen.MessageCount, cancellationToken);

    /// <summary>Opts the conversation's contact out of our number (e.g. after a free-text "please stop texting me").</summary>
    public Task<bool> OptOutAsync(long conversationId, CancellationToken cancellationToken = default) =>
        SetOptOutAsync(conversationId, optedOut: true, AgentOptOutReason, cancellationToken);

    /// <summary>Opts the contact back in; for when they asked to be messaged again through another channel.</summary>
    public Task<bool> OptInAsync(long conversationId, CancellationToken cancellationToken = default) =>
        SetOptOutAsync(conversationId, optedOut: false, AgentOptInReason, cancellationToken);

    /// <summary>The send a reply amounts to: from our number of the conversation, to its contact, on its channel.</summary>
    private static SendCommand ToSendCommand(Conversation conversation, ReplyDraft draft)
    {
        var whatsApp = conversation.Channel == ConversationChannel.WhatsApp;
        return new SendCommand
        {
            From = SendSender.FromNumber(conversation.OurNumber),
            To = SendDestinations.Parse(conversation.ContactNumber),
            Type = whatsApp ? MessageType.WhatsApp : MessageType.Sms,
            Content = draft.Kind == ReplyKind.Text
                ? new SendContent { Text = draft.Text }
                : new SendContent { Template = whatsApp && !string.IsNullOrWhiteSpace(draft.Template?.Name) ? draft.Template : null },
        };
    }

    private async Task<bool> SetOptOutAsync(long conversationId, bool optedOut, string reason, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(conversationId, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        // The writer publishes it on the live feed, for every page showing this conversation.
        await writer.WriteOptOutAsync(detail.Conversation.OurNumber, detail.Conversation.ContactNumber, optedOut, reason, conversationId, cancellationToken);
        return true;
    }
}
