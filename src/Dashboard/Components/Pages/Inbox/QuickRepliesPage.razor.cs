using Dashboard.Components.Shared;
using Dashboard.Core.Conversations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Inbox;

/// <summary>Adds, edits and deletes quick replies: MudForm with Core's rules next to each field, a dialog before deleting, a snackbar after.</summary>
public sealed partial class QuickRepliesPage
{
    private IReadOnlyList<QuickReply>? _replies;
    private MudForm? _form;
    private long? _editingId;
    private string _title = "";
    private string _text = "";

    /// <summary>What the last save found that the form's own check cannot (a title taken, a reply deleted meanwhile).</summary>
    private IReadOnlyDictionary<string, string> _saveErrors = new Dictionary<string, string>();

    [Inject] private QuickReplies QuickReplies { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _replies = await QuickReplies.ListAsync();

    private Func<string, IEnumerable<string>> Rule(string field) => _ =>
    {
        var errors = QuickReplies.Check(new QuickReplyInput(_editingId, _title, _text));
        return errors.TryGetValue(field, out var error) ? [error] : _saveErrors.TryGetValue(field, out var saved) ? [saved] : [];
    };

    private async Task SaveAsync()
    {
        _saveErrors = new Dictionary<string, string>();
        await _form!.ValidateAsync();
        if (!_form.IsValid)
        {
            return;
        }

        var result = await QuickReplies.SaveAsync(new QuickReplyInput(_editingId, _title, _text));
        if (!result.Succeeded)
        {
            _saveErrors = result.Errors;
            Snackbar.Add($"Not saved: {string.Join(" ", result.Errors.Values)}", Severity.Error);
            await _form.ValidateAsync();
            return;
        }

        Snackbar.Add($"Saved quick reply \"{result.Saved!.Title}\".", Severity.Success);
        await ResetAsync();
        _replies = await QuickReplies.ListAsync();
    }

    private async Task EditAsync(QuickReply reply)
    {
        (_editingId, _title, _text, _saveErrors) = (reply.Id, reply.Title, reply.Text, new Dictionary<string, string>());
        await _form!.ResetValidationAsync();
    }

    private async Task ResetAsync()
    {
        (_editingId, _title, _text) = (null, "", "");
        StateHasChanged();
        await Task.Yield();
        await _form!.ResetValidationAsync();
        _form.ResetTouched();
    }

    private async Task DeleteAsync(QuickReply reply)
    {
        var confirmed = await Dialogs.ConfirmAsync($"Delete \"{reply.Title}\"?", "Agents will no longer find it in the composer. This cannot be undone.",
            "Delete", destructive: true);
        if (!confirmed)
        {
            return;
        }

        await QuickReplies.DeleteAsync(reply.Id);
        if (_editingId == reply.Id)
        {
            await ResetAsync();
        }

        Snackbar.Add($"Deleted quick reply \"{reply.Title}\".", Severity.Success);
        _replies = await QuickReplies.ListAsync();
    }
}
