using MudBlazor;

namespace Polri110.Console.Layout;

/// <summary>
/// MudBlazor's colours, darkened where its defaults fall short of WCAG AA contrast (4.5:1) for text on the
/// light alert backgrounds and on white: people read these pages for hours, often on poor screens.
/// </summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#283593",
            Secondary = "#AD1457",
            Info = "#0D47A1",
            Success = "#1B5E20",
            Warning = "#7A4100",
            Error = "#B71C1C",
            AppbarBackground = "#1A237E",
        },
    };
}
