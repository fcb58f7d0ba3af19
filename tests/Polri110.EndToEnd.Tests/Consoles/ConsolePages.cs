using Microsoft.Playwright;

namespace Polri110.EndToEnd.Tests.Consoles;

/// <summary>Keyboard and page helpers the console tests share.</summary>
public static class ConsolePages
{
    private const string FocusedLabel = """
        () => {
          const e = document.activeElement;
          if (!e) return '';
          const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
          return (label || e.getAttribute('aria-label') || e.innerText || '').trim();
        }
        """;

    /// <summary>Presses Tab until the focused element's label starts with <paramref name="label"/>: proves the field is reachable by keyboard.</summary>
    public static async Task TabToAsync(this IPage page, string label, int maxPresses = 15)
    {
        var seen = new List<string>();
        for (var press = 0; press < maxPresses; press++)
        {
            var focused = await page.EvaluateAsync<string>(FocusedLabel);
            if (focused.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            seen.Add(focused);
            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached '{label}'; focus went through: {string.Join(" | ", seen)}");
    }

    /// <summary>Where the tests put the README's screenshots: docs/ at the repository root.</summary>
    public static string ScreenshotPath(string name) => Path.Combine(Testing.TestPaths.RepositoryRoot(), "docs", $"console-{name}.png");
}
