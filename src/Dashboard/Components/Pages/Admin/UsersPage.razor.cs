using Dashboard.Components.Shared;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Admin;

public partial class UsersPage
{
    private static readonly UserRoles[] AssignableRoles = [UserRoles.Support, UserRoles.Manager, UserRoles.Agent, UserRoles.Admin];

    private IReadOnlyList<UserSummary>? _users;
    private IReadOnlyList<ApiKeySummary> _keys = [];
    private string _newUserName = "";
    private string _newPassword = "";
    private IEnumerable<UserRoles> _newRoles = [UserRoles.Support];
    private string _newKeyName = "";
    private IEnumerable<UserRoles> _newKeyRoles = [UserRoles.Support];
    private string? _createdKey;
    private string? _message;
    private bool _messageIsError;

    [Inject]
    private UserService Users { get; set; } = default!;

    [Inject]
    private ApiKeyService Keys { get; set; } = default!;

    [Inject]
    private MudBlazor.IDialogService Dialogs { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _users = await Users.ListAsync();
        _keys = await Keys.ListAsync();
    }

    private Task CreateUserAsync() => RunAsync(async () =>
    {
        await Users.CreateAsync(_newUserName, _newPassword, Combine(_newRoles));
        var created = _newUserName;
        _newUserName = _newPassword = "";
        return $"Created {created}.";
    });

    private Task ToggleRoleAsync(UserSummary user, UserRoles role, bool on) => RunAsync(async () =>
    {
        await Users.SetRolesAsync(user.Id, on ? user.Roles | role : user.Roles & ~role);
        return $"{user.UserName} is now: {UserService.RoleNames(on ? user.Roles | role : user.Roles & ~role)}.";
    });

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        await RunAsync(async () =>
        {
            await Users.SetPasswordAsync(user.Id, password);
            return $"New password for {user.UserName}: {password} — give it to them; it is not shown again.";
        });
    }

    private async Task DeleteAsync(UserSummary user)
    {
        if (await Dialogs.ConfirmAsync($"Delete {user.UserName}?", "They can no longer sign in. This cannot be undone.", "Delete", "Keep", destructive: true))
        {
            await RunAsync(async () =>
            {
                await Users.DeleteAsync(user.Id);
                return $"Deleted {user.UserName}.";
            });
        }
    }

    private Task CreateKeyAsync() => RunAsync(async () =>
    {
        _createdKey = await Keys.CreateAsync(_newKeyName, Combine(_newKeyRoles));
        var name = _newKeyName;
        _newKeyName = "";
        return $"Created the key for {name}.";
    });

    private Task RevokeAsync(ApiKeySummary key) => RunAsync(async () =>
    {
        await Keys.RevokeAsync(key.Id);
        return $"Revoked {key.Name}.";
    });

    /// <summary>Runs an admin action, shows its outcome (or the validation problem) and reloads the lists.</summary>
    private async Task RunAsync(Func<Task<string>> action)
    {
        try
        {
            _message = await action();
            _messageIsError = false;
        }
        catch (UserValidationException ex)
        {
            _message = ex.Message;
            _messageIsError = true;
        }

        await ReloadAsync();
    }

    private static UserRoles Combine(IEnumerable<UserRoles> roles) => roles.Aggregate(UserRoles.None, (all, r) => all | r);
}
