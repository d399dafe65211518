using Dashboard.Core.Sending;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Dashboard.Components.Pages.Compose;

/// <summary>
/// Puts <see cref="SendService"/>'s field errors into the form's <see cref="EditContext"/>, so each field shows its own
/// message: a field is checked when it changes, everything on submit, and errors found while sending (opt-outs,
/// Plivo's refusal) are shown with <see cref="Show"/>. The rules stay in Core.
/// </summary>
public sealed class ComposeValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private bool _submitted;

    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    [Parameter, EditorRequired]
    public Func<ComposeRequest, IReadOnlyDictionary<string, IReadOnlyList<string>>> Validate { get; set; } = null!;

    protected override void OnInitialized()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(ComposeValidator)} belongs inside a form.");
        }

        _messages = new ValidationMessageStore(EditContext);
        EditContext.OnValidationRequested += ValidateAll;
        EditContext.OnFieldChanged += ValidateField;
    }

    /// <summary>Shows errors found after the form passed (while sending), each on its field.</summary>
    public void Show(IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    {
        _messages!.Clear();
        Add(errors, _ => true);
        EditContext!.NotifyValidationStateChanged();
    }

    private void ValidateAll(object? sender, ValidationRequestedEventArgs e)
    {
        _submitted = true;
        _messages!.Clear();
        Add(Validate((ComposeRequest)EditContext!.Model), _ => true);
        EditContext.NotifyValidationStateChanged();
    }

    private void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var errors = Validate((ComposeRequest)EditContext!.Model);
        if (_submitted)
        {
            // After a first submit, keep every message current: changing the type can fix or break other fields.
            _messages!.Clear();
            Add(errors, _ => true);
        }
        else
        {
            _messages!.Clear(e.FieldIdentifier);
            Add(errors, field => field == e.FieldIdentifier.FieldName);
        }

        EditContext.NotifyValidationStateChanged();
    }

    private void Add(IReadOnlyDictionary<string, IReadOnlyList<string>> errors, Func<string, bool> include)
    {
        foreach (var (field, messages) in errors)
        {
            if (field != SendOutcome.FormError && include(field))
            {
                _messages!.Add(EditContext!.Field(field), messages);
            }
        }
    }

    public void Dispose()
    {
        if (EditContext is not null)
        {
            EditContext.OnValidationRequested -= ValidateAll;
            EditContext.OnFieldChanged -= ValidateField;
        }
    }
}
