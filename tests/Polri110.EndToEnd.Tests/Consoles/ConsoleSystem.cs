using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;

namespace Polri110.EndToEnd.Tests.Consoles;

/// <summary>
/// The whole system with the console in front of it, in Development (the one-button sign-in, with tokens written as
/// ./run.sh writes them), and one headless Chromium (Debian's package) for every console test.
/// </summary>
public sealed class ConsoleSystem : IAsyncLifetime
{
    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"polri110-console-tokens-{Guid.NewGuid():N}.json");
    private IPlaywright? playwright;
    private ServiceProcess? console;

    public Polri110System System { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address => console!.BaseAddress;

    public const string Station = "polres-metro-tangerang-kota";

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        var tokens = Roles.All.ToDictionary(role => role, role => TestTokens.For(role, role == Roles.Station ? Station : null));
        await File.WriteAllTextAsync(tokensFile, JsonSerializer.Serialize(tokens));
        console = new ServiceProcess("Console", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Polri110"] = "Debug",
            ["Console__DevTokensFile"] = tokensFile,
            ["ConnectionStrings__RabbitMq"] = TestServers.AmqpUriAs(System.AmqpUri, Polri110System.BrokerUserOf("Console")),
            ["Services__Intake"] = System.AddressOf("Intake").ToString(),
            ["Services__Routing"] = System.AddressOf("Routing").ToString(),
            ["Services__Dispatch"] = System.AddressOf("Dispatch").ToString(),
            ["Services__Tracking"] = System.AddressOf("Tracking").ToString(),
        });
        await console.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("POLRI110_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
        });
    }

    /// <summary>Everything the console process wrote, for failure messages and the personal-data check.</summary>
    public string ConsoleOutput => console!.Output;

    /// <summary>The console process's resident memory, for the note's figure.</summary>
    public long ConsoleMemoryBytes => console!.ResidentBytes;

    /// <summary>A browser session signed in through the development sign-in page as one role, on the page given.</summary>
    public async Task<IPage> SignInAsync(string role, string path, string language = "id-ID")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = language,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/signin?ReturnUrl={Uri.EscapeDataString(path)}");
        // Signing in is a plain form POST, safe to send again: a click the loaded machine lost (once in a full run,
        // 30 s without navigating) is clicked again rather than failing the test that only needed to be signed in.
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"\\({role}\\)") }).ClickAsync();
            try
            {
                // Polled, not an awaited navigation event: WaitForURLAsync waits for the "load" event when the address
                // already matches, whatever WaitUntil says, and can miss it (playwright-dotnet #3364, #3365; one CI run
                // timed out there on the station page it had reached).
                var target = new Regex($"^[a-z]+://[^/]+{Regex.Escape(path.Split('?')[0])}([?#].*)?$");
                await Assertions.Expect(page).ToHaveURLAsync(target, new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3 && new Uri(page.Url).AbsolutePath == "/signin")
            {
            }
        }

        await WaitUntilInteractiveAsync(page);
        if (path == "/operator")
        {
            // The operator's page is ready when the cursor is in the phone field (the form says so once it has put it there).
            await page.Locator("[data-ready='true']").WaitForAsync(new() { Timeout = 15_000 });
        }

        return page;
    }

    /// <summary>
    /// Waits until the page's circuit is attached: typing into the prerendered page before that loses the input.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("#console[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (console is not null)
        {
            await console.DisposeAsync();
        }

        await System.DisposeAsync();
        File.Delete(tokensFile);
    }
}

/// <summary>Run alone, after the other collections: Chromium's pages are heavy on two cores and would slow the timed fault tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSystem>
{
    public const string Name = "The consoles in Chromium";
}
