using MudBlazor;

namespace Dashboard.Components.Shared;

/// <summary>The pages' one way to ask before acting: <see cref="ConfirmDialog"/> through MudBlazor's dialog service.</summary>
public static class DialogServiceExtensions
{
    /// <summary>Shows <see cref="ConfirmDialog"/> and waits: true when confirmed, false when cancelled or dismissed.</summary>
    /// <param name="title">The question ("Delete maria?").</param>
    /// <param name="text">What will happen, in plain words.</param>
    /// <param name="confirmText">The confirming button's verb ("Delete").</param>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string text, string confirmText,
        string cancelText = "Cancel", bool destructive = false)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Text, text },
            { d => d.ConfirmText, confirmText },
            { d => d.CancelText, cancelText },
            { d => d.Destructive, destructive },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
