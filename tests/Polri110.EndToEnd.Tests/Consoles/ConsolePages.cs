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

    /// <summary>
    /// Types into a searchable list (place, category) and picks with Enter, as an operator would: Enter takes the highlighted
    /// entry, so it waits until the list answers the whole text with one entry.
    /// </summary>
    public static async Task ChooseFromListAsync(this IPage page, string label, string text, bool tabToIt = false)
    {
        if (tabToIt)
        {
            await page.TabToAsync(label);
        }
        else
        {
            await page.GetByLabel(label).FocusAsync();
        }

        await page.TypeExactlyAsync(label, text);
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Types the text into the focused field labelled so, as an operator would, until the field holds exactly it.</summary>
    public static async Task TypeExactlyAsync(this IPage page, string label, string text)
    {
        // At a fast typist's pace (about 12 keys a second), not Playwright's instant one: under Blazor Server an answer from
        // the server can overwrite a search box's text while keys arrive faster than a round trip (a known limit of
        // server rendering), and the check below would then fail.
        // Even so, a loaded machine lost keys ("Keakaran"; a number typed at once, "+62 813-554444"): the text is then
        // cleared and typed again, once, as the operator would, and the field must then hold exactly the text.
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.TypeAsync(text, new() { Delay = 80 });
            try
            {
                await Assertions.Expect(page.GetByLabel(label)).ToHaveValueAsync(text);
                break;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                await page.Keyboard.PressAsync("Control+A");
                await page.Keyboard.PressAsync("Backspace");
                await Assertions.Expect(page.GetByLabel(label)).ToHaveValueAsync("");
            }
            catch (PlaywrightException e)
            {
                var where = await page.EvaluateAsync<string>("() => (document.activeElement?.id ?? '') + ' | ' + [...document.querySelectorAll('input')].map(i => i.id + '=' + i.value).join(', ')");
                throw new PlaywrightException($"{e.Message}\nFocus and inputs: {where}");
            }
        }
    }

    /// <summary>
    /// Where the tests put their screenshots: .run/screenshots/, so that a test run leaves the checkout as it was; with
    /// <c>POLRI110_SCREENSHOTS=docs</c>, docs/ at the repository root, to renew the README's.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("POLRI110_SCREENSHOTS") == "docs"
            ? Path.Combine(Testing.TestPaths.RepositoryRoot(), "docs")
            : Path.Combine(Testing.TestPaths.RepositoryRoot(), ".run", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"console-{name}.png");
    }
}
