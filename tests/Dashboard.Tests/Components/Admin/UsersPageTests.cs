using Dashboard.Components.Pages.Admin;
using Dashboard.Core.Users;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Admin;

/// <summary>
/// The users page over a real app: every change is asked first in a dialog, and a cancelled question changes
/// nothing. Each test works on a user of its own.
/// </summary>
public class UsersPageTests : ComponentTestBase, IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _app;
    private readonly string _name = "maria" + Random.Shared.Next(10_000, 99_999);
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private long _id;

    public UsersPageTests(DashboardFactory app)
    {
        _app = app;
        UseAppServices(app.Services);
        _dialogs = Render<MudDialogProvider>();
    }

    private UserService Users => _app.Services.GetRequiredService<UserService>();

    private async Task<IRenderedComponent<UsersPage>> OpenAsync()
    {
        _id = await Users.CreateAsync(_name, "a-long-enough-password", UserRoles.Support);
        var page = Render<UsersPage>();
        page.WaitForElement($"input[data-user='{_name}'][data-role=Admin]");
        return page;
    }

    private async Task<UserRoles> StoredRolesAsync() => (await Users.ListAsync()).Single(u => u.Id == _id).Roles;

    [Fact]
    public async Task EveryRoleOfEveryUserHasItsCheckbox()
    {
        var page = await OpenAsync();

        var boxes = page.FindAll($"input[type=checkbox][data-user='{_name}'][data-role]");

        Assert.Equal(4, boxes.Count);
        Assert.Equal(["Support", "Manager", "Agent", "Admin"], page.FindAll($"[data-user='{_name}'][data-role]").Select(b => b.GetAttribute("data-role")));
    }

    [Fact]
    public async Task GivingARoleAsksFirstAndAnAcceptedQuestionStoresIt()
    {
        var page = await OpenAsync();

        var change = page.Find($"input[data-user='{_name}'][data-role=Manager]").ChangeAsync(new() { Value = true });
        _dialogs.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains($"Give {_name} the Manager role?", _dialogs.Find("[role=dialog]").TextContent);
        Assert.Equal(UserRoles.Support, await StoredRolesAsync());
        await _dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await change;

        page.WaitForAssertion(() => Assert.Contains(Snackbars(), s => s.Contains($"{_name} is now: Support, Manager")));
        Assert.Equal(UserRoles.Support | UserRoles.Manager, await StoredRolesAsync());
        page.WaitForAssertion(() => Assert.True(page.Find($"input[data-user='{_name}'][data-role=Manager]").HasAttribute("checked")));
    }

    [Fact]
    public async Task ACancelledRoleChangeChangesNothingAndUnticksTheBox()
    {
        var page = await OpenAsync();

        var change = page.Find($"input[data-user='{_name}'][data-role=Admin]").ChangeAsync(new() { Value = true });
        _dialogs.WaitForElement("[data-testid=confirm-dialog]");
        await _dialogs.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await change;

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Equal(UserRoles.Support, await StoredRolesAsync());
        page.WaitForAssertion(() => Assert.False(page.Find($"input[data-user='{_name}'][data-role=Admin]").HasAttribute("checked")));
    }

    [Fact]
    public async Task ResetPasswordAsksFirstAndDoesNothingWhenCancelled()
    {
        var page = await OpenAsync();

        var click = page.Find($"[data-action=reset-password][data-user='{_name}']").ClickAsync(new());
        _dialogs.WaitForElement("[data-testid=confirm-dialog]");
        Assert.Contains($"Reset {_name}'s password?", _dialogs.Find("[role=dialog]").TextContent);
        await _dialogs.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(page.FindAll("[data-testid=new-password]"));
        Assert.Equal(SignInStatus.Succeeded, (await Users.SignInAsync(_name, "a-long-enough-password")).Status);
    }

    [Fact]
    public async Task AnAcceptedResetShowsTheNewPasswordWhichThenWorks()
    {
        var page = await OpenAsync();

        var click = page.Find($"[data-action=reset-password][data-user='{_name}']").ClickAsync(new());
        _dialogs.WaitForElement("[data-testid=confirm-dialog]");
        await _dialogs.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        var shown = page.WaitForElement("[data-testid=new-password] code").TextContent;
        Assert.Equal(SignInStatus.InvalidCredentials, (await Users.SignInAsync(_name, "a-long-enough-password")).Status);
        Assert.Equal(SignInStatus.Succeeded, (await Users.SignInAsync(_name, shown)).Status);
    }

    [Fact]
    public async Task ANewUserWithAShortPasswordIsRefusedNextToTheField()
    {
        var page = await OpenAsync();

        page.Find("#new-user").Input("newcomer" + _name);
        page.Find("#new-password").Input("short");
        await page.Find("[data-action=create-user]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("A password has at least 12 characters.", page.Find("[data-form=new-user]").TextContent));
        Assert.DoesNotContain(await Users.ListAsync(), u => u.UserName == "newcomer" + _name);
    }

    [Fact]
    public async Task ATakenNameIsRefusedNextToTheNameField()
    {
        var page = await OpenAsync();

        page.Find("#new-user").Input(_name);
        page.Find("#new-password").Input("another-long-password");
        await page.Find("[data-action=create-user]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains($"A user named '{_name}' already exists.", page.Find("[data-form=new-user]").TextContent));
    }

    private IEnumerable<string> Snackbars() => Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message?.ToString() ?? "");
}
