using System.Security.Claims;
using Dashboard.Components.Shared;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// The app's frame: app bar, navigation drawer, theme. Dark or light comes from the viewer's cookies at prerender
/// (no light flash); "follow the system" keeps following it live once the circuit runs; a choice is written back to
/// the cookie, so it survives reloads, typed addresses and signing out and in again.
/// </summary>
public sealed partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private bool _drawerOpen = true;
    private bool _dark;
    private ThemeChoice _choice;

    [CascadingParameter]
    private ViewerCookies Viewer { get; set; } = ViewerCookies.Default;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ViewerTime ViewerTime { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private string ZoneText => Viewer.ChosenTimeZone is { } chosen
        ? $"Times in {chosen} ({ViewerTime.Offset(Clock.GetUtcNow().UtcDateTime)}), as you chose"
        : $"Times in {Viewer.TimeZone ?? "UTC"} ({ViewerTime.Offset(Clock.GetUtcNow().UtcDateTime)}), your browser's zone";

    /// <summary>
    /// Asks for the zone to show times in and keeps it in a cookie (a year, like the theme, across sign-ins), then
    /// reloads: every page, prerendered or live, reads times in it from the next request on.
    /// </summary>
    private async Task ChooseTimeZoneAsync()
    {
        var parameters = new DialogParameters<TimeZoneDialog>
        {
            { d => d.Chosen, Viewer.ChosenTimeZone },
            { d => d.BrowserZone, Viewer.TimeZone },
        };
        var dialog = await Dialogs.ShowAsync<TimeZoneDialog>("Time zone", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string zone })
        {
            await JS.InvokeVoidAsync("dashboardViewer.setTimeZone", zone);
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
        }
    }

    protected override void OnInitialized()
    {
        _choice = Viewer.Theme;
        _dark = Viewer.IsDark;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _themeProvider is not null)
        {
            // Also asked when a choice is made later, so "follow the system" always has the live answer.
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            if (_choice == ThemeChoice.System)
            {
                Apply(await _themeProvider.GetSystemDarkModeAsync());
            }
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ChooseThemeAsync(ThemeChoice choice)
    {
        _choice = choice;
        await JS.InvokeVoidAsync("dashboardViewer.setTheme", choice.ToString().ToLowerInvariant());
        var dark = choice switch
        {
            ThemeChoice.Dark => true,
            ThemeChoice.Light => false,
            _ => _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync(),
        };
        Apply(dark);
    }

    private Task OnSystemDarkModeChangedAsync(bool systemDark) =>
        _choice == ThemeChoice.System ? InvokeAsync(() => Apply(systemDark)) : Task.CompletedTask;

    private void Apply(bool dark)
    {
        if (dark != _dark)
        {
            _dark = dark;
            StateHasChanged();
        }
    }

    private static string UserRoles(ClaimsPrincipal user) =>
        UserService.RoleNames(ApiKeyService.ParseRoles(string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value))));
}
