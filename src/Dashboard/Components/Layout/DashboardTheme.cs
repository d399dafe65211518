using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// The dashboard's one <see cref="MudTheme"/>: a light and a dark palette whose state colours (the message-state
/// chips) and link colour meet WCAG AA (4.5:1) against the text drawn on them — checked by DashboardThemeTests.
/// Material's defaults do not: white on its green is 2.8:1, and its dark palette puts white on light fills.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            PrimaryContrastText = "#ffffff",
            Secondary = "#6a1b9a",
            SecondaryContrastText = "#ffffff",
            Info = "#0277bd",
            InfoContrastText = "#ffffff",
            Success = "#2e7d32",
            SuccessContrastText = "#ffffff",
            Warning = "#b45309",
            WarningContrastText = "#ffffff",
            Error = "#c62828",
            ErrorContrastText = "#ffffff",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            TextSecondary = "rgba(0,0,0,0.64)",
        },
        PaletteDark = new PaletteDark
        {
            // Light fills with dark text: Material's dark palette keeps white text on them, which fails AA.
            Primary = "#9fa8da",
            PrimaryContrastText = "#000000",
            Secondary = "#ce93d8",
            SecondaryContrastText = "#000000",
            Info = "#4fc3f7",
            InfoContrastText = "#000000",
            Success = "#66bb6a",
            SuccessContrastText = "#000000",
            Warning = "#ffb74d",
            WarningContrastText = "#000000",
            Error = "#ff8a80",
            ErrorContrastText = "#000000",
            TextSecondary = "rgba(255,255,255,0.70)",
        },
    };
}
