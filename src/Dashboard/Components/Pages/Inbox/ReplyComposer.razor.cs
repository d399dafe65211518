using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>
/// The composer offers what <see cref="ReplyPolicy"/> allows (and says why), shows the send service's counter and
/// cost estimate for the draft, and sends through <see cref="InboxReplies"/>, which checks everything again.
/// </summary>
public sealed partial class ReplyComposer
{
    private ReplyOptions _options = default!;
    private ReplyKind _kind = ReplyKind.Text;
    private string _text = "";
    private string _templateName = "";
    private string _templateLanguage = "en";
    private List<string> _parameters = [];
    private IReadOnlyList<QuickReply> _quickReplies = [];
    private long? _quickReplyId;
    private string _saveTitle = "";
    private string? _error;
    private bool _sending;
    private long _conversationId;

    [Inject]
    private ReplyPolicy Policy { get; set; } = default!;

    [Inject]
    private InboxReplies Replies { get; set; } = default!;

    [Inject]
    private QuickReplies QuickReplies { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public ConversationDetail Detail { get; set; } = default!;

    /// <summary>Raised with the new message's UUID once the send service accepted the reply.</summary>
    [Parameter]
    public EventCallback<string> OnSent { get; set; }

    protected override async Task OnInitializedAsync() => _quickReplies = await QuickReplies.ListAsync();

    protected override void OnParametersSet()
    {
        if (_conversationId != Detail.Conversation.Id)
        {
            // Another conversation: start from a clean draft.
            _conversationId = Detail.Conversation.Id;
            (_text, _templateName, _parameters, _error) = ("", "", [], null);
        }

        _options = Policy.Evaluate(Detail.ReplyContext);
        if (!_options.CanSendText && _options.CanSendTemplate)
        {
            _kind = ReplyKind.Template;
        }
        else if (!_options.CanSendTemplate)
        {
            _kind = ReplyKind.Text;
        }
    }

    private ReplyDraft Draft() => _kind == ReplyKind.Text
        ? ReplyDraft.Freeform(_text)
        : ReplyDraft.FromTemplate(new ReplyTemplate { Name = _templateName.Trim(), Language = _templateLanguage.Trim(), Parameters = [.. _parameters] });

    private MessageType Type => Detail.Conversation.Channel == ConversationChannel.WhatsApp ? MessageType.WhatsApp : MessageType.Sms;

    private void InsertQuickReply(long? value)
    {
        if (value is { } id && _quickReplies.FirstOrDefault(q => q.Id == id) is { } reply)
        {
            _text = string.IsNullOrWhiteSpace(_text) ? reply.Text : $"{_text.TrimEnd()} {reply.Text}";
        }

        _quickReplyId = null;
    }

    private async Task SaveQuickReplyAsync()
    {
        var result = await QuickReplies.SaveAsync(new QuickReplyInput(null, _saveTitle, _text));
        _error = result.Succeeded ? null : string.Join(" ", result.Errors.Values);
        if (result.Succeeded)
        {
            Snackbar.Add($"Saved quick reply \"{result.Saved!.Title}\".", Severity.Success);
            _saveTitle = "";
            _quickReplies = await QuickReplies.ListAsync();
        }
    }

    private async Task SendAsync()
    {
        if (_sending)
        {
            return;
        }

        _sending = true;
        _error = null;
        try
        {
            var result = await Replies.SendAsync(Detail.Conversation.Id, Draft());
            if (!result.Sent)
            {
                _error = result.Error;
                Snackbar.Add($"Not sent: {result.Error}", Severity.Error);
                return;
            }

            Snackbar.Add(_kind == ReplyKind.Template ? "Template sent." : "Reply sent.", Severity.Success);
            (_text, _parameters) = ("", []);
            await OnSent.InvokeAsync(result.MessageUuid);
        }
        finally
        {
            _sending = false;
        }
    }
}
