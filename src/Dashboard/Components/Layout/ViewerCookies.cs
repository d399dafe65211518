namespace Dashboard.Components.Layout;

/// <summary>How the viewer wants the pages drawn: light, dark, or as the system says.</summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

/// <summary>
/// What the server learns of the viewer from cookies, read once per request in App.razor and handed to the
/// interactive root (<c>Routes</c>) as a parameter, so the prerendered page and its circuit agree: the theme the
/// person chose (kept a year, across sign-outs), the system's colour scheme and the browser's time zone (both written
/// by <c>wwwroot/viewer.js</c> on every page load, before the next request needs them).
/// </summary>
/// <param name="TimeZone">The browser's IANA time zone ("Europe/Paris"), or null before the script has run once.</param>
/// <param name="ChosenTimeZone">The zone the person chose to see times in (kept a year, like the theme), or null to
/// follow the browser's.</param>
public sealed record ViewerCookies(ThemeChoice Theme, bool SystemDark, string? TimeZone, string? ChosenTimeZone = null)
{
    public const string ThemeCookie = "dashboard.theme";
    public const string SystemDarkCookie = "dashboard.system-dark";
    public const string TimeZoneCookie = "dashboard.tz";
    public const string ChosenTimeZoneCookie = "dashboard.tz-choice";

    public static ViewerCookies Default { get; } = new(ThemeChoice.System, false, null);

    /// <summary>The zone times are shown in: the chosen one, else the browser's.</summary>
    public string? EffectiveTimeZone => ChosenTimeZone ?? TimeZone;

    /// <summary>Whether the pages are drawn dark: the choice, or the system's scheme when there is none.</summary>
    public bool IsDark => Theme switch
    {
        ThemeChoice.Dark => true,
        ThemeChoice.Light => false,
        _ => SystemDark,
    };

    /// <summary>Reads the cookies; anything unreadable counts as absent (they are written by a script, so untrusted).</summary>
    public static ViewerCookies From(IRequestCookieCollection cookies)
    {
        var theme = cookies[ThemeCookie] switch
        {
            "dark" => ThemeChoice.Dark,
            "light" => ThemeChoice.Light,
            _ => ThemeChoice.System,
        };
        var zone = cookies[TimeZoneCookie];
        var chosen = cookies[ChosenTimeZoneCookie];
        return new(theme, cookies[SystemDarkCookie] == "1", zone is { Length: > 0 and <= 64 } ? zone : null,
            chosen is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(chosen, out _) ? chosen : null);
    }
}
