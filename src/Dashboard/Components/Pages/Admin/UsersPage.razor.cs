using System.Security.Cryptography;
using Dashboard.Components.Shared;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.Admin;

/// <summary>
/// Admins manage who signs in: users with their roles, password resets and deletion, each asked first
/// (<see cref="DialogServiceExtensions.ConfirmAsync"/>) and answered with a snackbar; API keys on their own tab.
/// </summary>
public sealed partial class UsersPage
{
    private static readonly UserRoles[] AssignableRoles = RoleChoice.Assignable;

    private IReadOnlyList<UserSummary>? _users;
    private MudForm? _userForm;
    private string _newUserName = "";
    private string _newPassword = "";
    private UserRoles _newRoles = UserRoles.Support;
    private string? _userNameError;
    private string? _passwordError;
    private (string UserName, string Password)? _secret;

    // Bumped after every role question so the checkboxes are drawn from the stored roles again (a cancelled change
    // must not stay ticked).
    private int _version;

    [Inject]
    private UserService Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _users = await Users.ListAsync();

    private async Task ChangeRoleAsync(UserSummary user, UserRoles role, bool on)
    {
        var roles = on ? user.Roles | role : user.Roles & ~role;
        var question = on ? $"Give {user.UserName} the {role} role?" : $"Take the {role} role from {user.UserName}?";
        var confirmed = await Dialogs.ConfirmAsync(question,
            $"{user.UserName}'s roles become: {UserService.RoleNames(roles)}. Their open sessions end and they sign in again.",
            on ? "Give role" : "Take role", destructive: !on);
        if (confirmed)
        {
            await RunAsync(() => Users.SetRolesAsync(user.Id, roles), $"{user.UserName} is now: {UserService.RoleNames(roles)}.");
        }
        else
        {
            await ReloadAsync();
        }
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        if (!await Dialogs.ConfirmAsync($"Reset {user.UserName}'s password?",
                "Their current password stops working and their open sessions end. You get a new password to give them.",
                "Reset password", destructive: true))
        {
            return;
        }

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        if (await RunAsync(() => Users.SetPasswordAsync(user.Id, password), $"Reset {user.UserName}'s password."))
        {
            _secret = (user.UserName, password);
        }
    }

    private async Task DeleteAsync(UserSummary user)
    {
        if (await Dialogs.ConfirmAsync($"Delete {user.UserName}?", "They can no longer sign in. This cannot be undone.", "Delete", "Keep", destructive: true))
        {
            await RunAsync(() => Users.DeleteAsync(user.Id), $"Deleted {user.UserName}.");
        }
    }

    private async Task CreateUserAsync()
    {
        _userNameError = _passwordError = null;
        await _userForm!.ValidateAsync();
        if (!_userForm.IsValid)
        {
            return;
        }

        var name = _newUserName.Trim();
        try
        {
            await Users.CreateAsync(name, _newPassword, _newRoles);
        }
        catch (UserValidationException ex)
        {
            // Next to the field it is about; the service knows rules the form cannot (a taken name).
            (_userNameError, _passwordError) = ex.Field == "password" ? (null, ex.Message) : (ex.Message, (string?)null);
            return;
        }

        _newUserName = _newPassword = "";
        _newRoles = UserRoles.Support;
        Snackbar.Add($"Created {name}.", Severity.Success);
        await ReloadAsync();
    }

    private static string? UserNameProblem(string? name) =>
        name?.Trim() is { Length: > 0 } trimmed && (trimmed.Length is < 2 or > 64 || trimmed.Any(char.IsWhiteSpace))
            ? "A user name has 2 to 64 characters and no spaces."
            : null;

    private static string? PasswordProblem(string? password) =>
        password is { Length: > 0 } && password.Length < UserService.MinPasswordLength
            ? $"A password has at least {UserService.MinPasswordLength} characters."
            : null;

    /// <summary>Runs an admin action and says how it went in a snackbar; reloads the list either way.</summary>
    private async Task<bool> RunAsync(Func<Task> action, string done)
    {
        var ok = true;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (UserValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            ok = false;
        }

        await ReloadAsync();
        return ok;
    }

    private async Task ReloadAsync()
    {
        _users = await Users.ListAsync();
        _version++;
    }
}
