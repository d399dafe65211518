using Dashboard.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace Dashboard.Tests.Components.Layout;

/// <summary>WCAG AA (4.5:1 for normal text) for what the theme draws: state chips, outlined chips, links, secondary text.</summary>
public class DashboardThemeTests
{
    public static TheoryData<string> Modes() => ["light", "dark"];

    [Theory]
    [MemberData(nameof(Modes))]
    public void FilledStateColoursKeepTheirTextReadable(string mode)
    {
        var palette = Palette(mode);

        foreach (var (name, fill, text) in Fills(palette))
        {
            AssertContrast(text, fill, $"{mode} {name} chip text");
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void LinksOutlinedChipsAndSecondaryTextAreReadableOnThePage(string mode)
    {
        var palette = Palette(mode);

        foreach (var background in new[] { palette.Background, palette.Surface })
        {
            AssertContrast(palette.Primary, background, $"{mode} link");
            AssertContrast(palette.TextSecondary, background, $"{mode} secondary text");
            foreach (var (name, colour, _) in Fills(palette))
            {
                AssertContrast(colour, background, $"{mode} outlined {name} chip");
            }
        }
    }

    [Fact]
    public void TheCheckCatchesMaterialsDefaultGreen()
    {
        var material = new MudTheme().PaletteLight;

        Assert.True(Contrast(material.SuccessContrastText, material.Success) < 4.5, "the default green is the case this theme fixes");
    }

    private static Palette Palette(string mode) => mode == "dark" ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight;

    private static IEnumerable<(string Name, MudColor Fill, MudColor Text)> Fills(Palette p) =>
    [
        ("primary", p.Primary, p.PrimaryContrastText),
        ("secondary", p.Secondary, p.SecondaryContrastText),
        ("info", p.Info, p.InfoContrastText),
        ("success", p.Success, p.SuccessContrastText),
        ("warning", p.Warning, p.WarningContrastText),
        ("error", p.Error, p.ErrorContrastText),
    ];

    private static void AssertContrast(MudColor text, MudColor background, string what)
    {
        var ratio = Contrast(text, background);
        Assert.True(ratio >= 4.5, $"{what}: {text} on {background} is {ratio:0.00}:1, under 4.5:1");
    }

    /// <summary>WCAG 2 contrast ratio; a translucent text colour is first blended over its background.</summary>
    private static double Contrast(MudColor text, MudColor background)
    {
        var alpha = text.A / 255.0;
        double Blend(byte t, byte b) => (t * alpha) + (b * (1 - alpha));
        var l1 = Luminance(Blend(text.R, background.R), Blend(text.G, background.G), Blend(text.B, background.B));
        var l2 = Luminance(background.R, background.G, background.B);
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance(double r, double g, double b)
    {
        static double Channel(double c)
        {
            c /= 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(r)) + (0.7152 * Channel(g)) + (0.0722 * Channel(b));
    }
}
