using System.Text.RegularExpressions;

namespace Dashboard.Core.Conversations;

/// <summary>What an agent's reply consists of.</summary>
public enum ReplyKind
{
    /// <summary>Freeform text (SMS, or WhatsApp inside the customer-service window).</summary>
    Text,

    /// <summary>An approved WhatsApp template, the only thing that may be sent outside the window.</summary>
    Template,
}

/// <summary>A WhatsApp template by name, language and body parameters ({{1}}, {{2}}, ... in order).</summary>
public sealed record ReplyTemplate
{
    public required string Name { get; init; }

    /// <summary>The template's language code as approved, e.g. <c>en</c> or <c>en_US</c>.</summary>
    public string Language { get; init; } = "en";

    public IReadOnlyList<string> Parameters { get; init; } = [];
}

/// <summary>The reply an agent wants to send in a conversation.</summary>
public sealed record ReplyDraft
{
    public ReplyKind Kind { get; init; }

    public string? Text { get; init; }

    public ReplyTemplate? Template { get; init; }

    public static ReplyDraft Freeform(string text) => new() { Kind = ReplyKind.Text, Text = text };

    public static ReplyDraft FromTemplate(ReplyTemplate template) => new() { Kind = ReplyKind.Template, Template = template };
}

/// <summary>What the policy needs to know of a conversation.</summary>
/// <param name="Channel">SMS (incl. MMS) or WhatsApp.</param>
/// <param name="LastInboundAt">The contact's last inbound message in this conversation.</param>
/// <param name="OptOut">The contact's opt-out row for our number, if any.</param>
public sealed record ReplyContext(ConversationChannel Channel, DateTime? LastInboundAt, OptOut? OptOut)
{
    public bool IsOptedOut => OptOut is { IsOptedOut: true };
}

/// <summary>Why a reply may not be sent; <see cref="None"/> when it may.</summary>
public enum ReplyRefusal
{
    None,
    OptedOut,
    OutsideWindow,
    EmptyText,
    TemplateMissing,
    TemplateNameInvalid,
    TemplateParameterEmpty,
    TemplateParameterInvalid,
}

/// <summary>What the composer may offer right now, and why (shown to the agent as is).</summary>
/// <param name="CanSendText">Freeform text is allowed.</param>
/// <param name="CanSendTemplate">A WhatsApp template is allowed (WhatsApp only, not opted out).</param>
/// <param name="Window">The conversation's customer-service window.</param>
/// <param name="Explanation">One sentence for the agent: what may be sent and why.</param>
public sealed record ReplyOptions(bool CanSendText, bool CanSendTemplate, ConversationWindow Window, string Explanation)
{
    public bool CanSendAnything => CanSendText || CanSendTemplate;
}

/// <summary>The verdict on one draft: allowed, or refused with a reason the agent can act on.</summary>
public sealed record ReplyVerdict(ReplyRefusal Refusal, string? Reason)
{
    public static ReplyVerdict Allowed { get; } = new(ReplyRefusal.None, null);

    public bool IsAllowed => Refusal == ReplyRefusal.None;
}

/// <summary>
/// The rules for what may be sent to a contact, in one place for the composer (what to offer), the reply service and
/// every send through <c>SendService</c> (what to refuse): an opted-out contact gets nothing; on WhatsApp, freeform
/// content only inside the 24-hour customer-service window and a template otherwise (docs/plivo/whatsapp.md).
/// Message validity (lengths, numbers) is the send service's.
/// </summary>
public sealed partial class ReplyPolicy(TimeProvider time)
{
    public ReplyOptions Evaluate(ReplyContext context)
    {
        var window = ConversationWindow.Compute(context.Channel, context.LastInboundAt, time.GetUtcNow());
        if (context.IsOptedOut)
        {
            return new(false, false, window, OptedOutReason(context.OptOut!));
        }

        return window.Status switch
        {
            WindowStatus.NotApplicable => new(true, false, window, "SMS: freeform text may be sent."),
            WindowStatus.Open => new(true, true, window,
                "The customer-service window is open: freeform text or a template may be sent until it closes."),
            WindowStatus.NeverOpened => new(false, true, window,
                "The contact has not messaged this number on WhatsApp, so there is no customer-service window: only an approved template may be sent."),
            _ => new(false, true, window,
                "The customer-service window closed 24 hours after the contact's last message: only an approved template may be sent until they write again."),
        };
    }

    public ReplyVerdict Check(ReplyContext context, ReplyDraft draft)
    {
        var options = Evaluate(context);
        if (context.IsOptedOut)
        {
            return new(ReplyRefusal.OptedOut, options.Explanation);
        }

        if (draft.Kind == ReplyKind.Template)
        {
            return context.Channel != ConversationChannel.WhatsApp
                ? new(ReplyRefusal.TemplateMissing, "Templates are a WhatsApp feature; send SMS as text.")
                : CheckTemplate(draft.Template);
        }

        var window = CheckWindow(context.Channel, context.LastInboundAt, draft.Kind);
        return window.IsAllowed ? CheckText(draft.Text) : window;
    }

    /// <summary>
    /// The customer-service window alone, which every send checks whatever path it comes by: on WhatsApp, anything
    /// but an approved template (text, media) needs the contact to have written to this number in the last 24 hours.
    /// </summary>
    /// <param name="lastInboundAt">The contact's last inbound message to the sending number on this channel.</param>
    public ReplyVerdict CheckWindow(ConversationChannel channel, DateTime? lastInboundAt, ReplyKind kind)
    {
        var options = Evaluate(new ReplyContext(channel, lastInboundAt, OptOut: null));
        return kind == ReplyKind.Template || options.CanSendText ? ReplyVerdict.Allowed : new(ReplyRefusal.OutsideWindow, options.Explanation);
    }

    // Lengths, encodings and numbers are the send service's to check (the compose page's rules); only an empty
    // draft is caught here, so the composer can keep quiet until something is typed.
    private static ReplyVerdict CheckText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new(ReplyRefusal.EmptyText, "Write a message first.") : ReplyVerdict.Allowed;

    private static ReplyVerdict CheckTemplate(ReplyTemplate? template)
    {
        if (template is null || string.IsNullOrWhiteSpace(template.Name))
        {
            return new(ReplyRefusal.TemplateMissing, "Choose the approved template to send.");
        }

        if (!TemplateName().IsMatch(template.Name))
        {
            return new(ReplyRefusal.TemplateNameInvalid,
                "A template name is lower-case letters, digits and underscores, as approved by Meta (e.g. order_update).");
        }

        var parameters = template.Parameters.ToList();
        var empty = parameters.FindIndex(string.IsNullOrWhiteSpace);
        if (empty >= 0)
        {
            return new(ReplyRefusal.TemplateParameterEmpty, $"Fill in template parameter {{{{{empty + 1}}}}}.");
        }

        // WhatsApp refuses template parameters with new lines or tabs.
        var invalid = parameters.FindIndex(p => p.IndexOfAny(['\n', '\r', '\t']) >= 0);
        return invalid >= 0
            ? new(ReplyRefusal.TemplateParameterInvalid, $"Template parameter {{{{{invalid + 1}}}}} must be one line, without tabs.")
            : ReplyVerdict.Allowed;
    }

    private static string OptedOutReason(OptOut optOut) =>
        $"The contact opted out ({optOut.Reason ?? "opt-out"}, {optOut.ChangedAt:yyyy-MM-dd HH:mm} UTC): nothing may be sent until they opt back in (e.g. by texting START).";

    [GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial Regex TemplateName();
}
