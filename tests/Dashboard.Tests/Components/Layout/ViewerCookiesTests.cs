using Dashboard.Components.Layout;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Components.Layout;

public class ViewerCookiesTests
{
    [Theory]
    [InlineData(null, null, ThemeChoice.System, false)]
    [InlineData(null, "1", ThemeChoice.System, true)]
    [InlineData("light", "1", ThemeChoice.Light, false)]
    [InlineData("dark", "0", ThemeChoice.Dark, true)]
    [InlineData("purple", "yes", ThemeChoice.System, false)]
    public void AChosenThemeWinsOverTheSystemsScheme(string? theme, string? systemDark, ThemeChoice choice, bool dark)
    {
        var viewer = ViewerCookies.From(Cookies((ViewerCookies.ThemeCookie, theme), (ViewerCookies.SystemDarkCookie, systemDark)));

        Assert.Equal(choice, viewer.Theme);
        Assert.Equal(dark, viewer.IsDark);
    }

    [Fact]
    public void AnOverlongTimeZoneIsIgnored()
    {
        Assert.Equal("Europe/Paris", ViewerCookies.From(Cookies((ViewerCookies.TimeZoneCookie, "Europe/Paris"))).TimeZone);
        Assert.Null(ViewerCookies.From(Cookies((ViewerCookies.TimeZoneCookie, new string('x', 65)))).TimeZone);
    }

    [Theory]
    [InlineData("Asia/Tokyo", "Asia/Tokyo")]
    [InlineData(null, "Europe/Paris")]
    [InlineData("Mars/Olympus_Mons", "Europe/Paris")]
    public void AChosenTimeZoneWinsOverTheBrowsersWhenTheMachineKnowsIt(string? chosen, string shown)
    {
        var viewer = ViewerCookies.From(Cookies((ViewerCookies.TimeZoneCookie, "Europe/Paris"), (ViewerCookies.ChosenTimeZoneCookie, chosen)));

        Assert.Equal(shown, viewer.EffectiveTimeZone);
    }

    private static IRequestCookieCollection Cookies(params (string Name, string? Value)[] cookies)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = string.Join("; ", cookies.Where(c => c.Value is not null).Select(c => $"{c.Name}={Uri.EscapeDataString(c.Value!)}"));
        return context.Request.Cookies;
    }
}
