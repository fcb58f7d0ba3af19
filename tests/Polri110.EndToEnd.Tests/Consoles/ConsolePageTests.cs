using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Polri110.ServiceDefaults.Auth;
using Polri110.Testing;
using Xunit.Abstractions;

namespace Polri110.EndToEnd.Tests.Consoles;

/// <summary>Each page's own duties: sign-in, language, accessibility, the API's problems on the form, and each role's actions.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsolePageTests(ConsoleSystem consoles, ITestOutputHelper output)
{
    private static readonly object Theft = SampleReports.Theft();

    [Fact]
    public async Task Pages_need_a_sign_in_and_development_offers_one_button_per_role()
    {
        var page = await (await consoles.Browser.NewContextAsync(new() { BaseURL = consoles.Address.ToString() })).NewPageAsync();
        await page.GotoAsync("/operator");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        foreach (var role in Roles.All)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(role, RegexOptions.IgnoreCase) })).ToHaveCountAsync(1);
        }

        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies.Where(cookie => cookie.Name.StartsWith(".AspNetCore.Antiforgery")), cookie => Assert.True(cookie.HttpOnly));
        await page.ScreenshotAsync(new() { Path = ConsolePages.ScreenshotPath("signin") });

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("\\(station\\)") }).ClickAsync();
        var session = (await page.Context.CookiesAsync()).Single(cookie => cookie.Name == "polri110.console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        // The sign-in form is protected against cross-site posting: without its anti-forgery token it is refused.
        using var http = new HttpClient { BaseAddress = consoles.Address };
        var forged = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = Roles.Admin }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);

        // A station desk may not open the operator's page.
        await page.GotoAsync("/operator");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violation()
    {
        var reportId = await consoles.System.PostReportAsync(Theft);
        var pages = new (string Role, string Path)[]
        {
            (Roles.Operator, "/operator"), (Roles.Station, "/station"), (Roles.Supervisor, "/supervisor"), (Roles.Auditor, $"/reports/{reportId}"),
            (Roles.Admin, "/admin"),
        };
        var signIn = await (await consoles.Browser.NewContextAsync(new() { BaseURL = consoles.Address.ToString() })).NewPageAsync();
        await signIn.GotoAsync("/signin");
        var checkedPages = new List<IPage> { signIn };
        foreach (var (role, path) in pages)
        {
            checkedPages.Add(await consoles.SignInAsync(role, path));
        }

        var problems = new List<string>();
        foreach (var page in checkedPages)
        {
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(violation => violation.Impact is "serious" or "critical")
                .Select(violation => $"{new Uri(page.Url).AbsolutePath}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => string.Join(" ", n.Target)))}"));
            output.WriteLine($"{new Uri(page.Url).AbsolutePath}: {result.Violations.Length} violations, {result.Passes.Length} rules passed");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task English_is_selectable_and_the_page_language_follows()
    {
        var page = await consoles.SignInAsync(Roles.Operator, "/operator");
        Assert.Equal("id", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await ConsoleSystem.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Phone number")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("110 call taking");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bahasa Indonesia" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'id'");
    }

    [Fact]
    public async Task The_services_validation_problems_appear_next_to_the_fields_and_the_typing_is_kept()
    {
        var page = await consoles.SignInAsync(Roles.Operator, "/operator");
        await page.GetByLabel("Nomor telepon").FillAsync("0813 1111 2222");
        await page.GetByLabel("Uraian kejadian").FillAsync("Ada keributan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan panggilan" }).ClickAsync();

        // Intake's own words, under the field they concern.
        var category = page.Locator(".mud-input-control", new() { Has = page.GetByLabel("Kategori") });
        await Assertions.Expect(category).ToContainTextAsync("Required for an incident");
        await Assertions.Expect(page.GetByLabel("Nomor telepon")).ToHaveValueAsync("0813 1111 2222");
        await Assertions.Expect(page.GetByLabel("Uraian kejadian")).ToHaveValueAsync("Ada keributan");
        await Assertions.Expect(page.GetByTestId("tracking-code")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_repeat_prank_caller_is_flagged_while_the_number_is_typed()
    {
        const string phone = "081355554444";
        for (var call = 0; call < 3; call++)
        {
            await consoles.System.PostReportAsync(new { caller = new { phone }, callType = "prank" });
        }

        var page = await consoles.SignInAsync(Roles.Operator, "/operator");
        await page.GetByLabel("Nomor telepon").FocusAsync();
        await page.TypeExactlyAsync("Nomor telepon", "+62 813-5555-4444");
        await Assertions.Expect(page.GetByTestId("repeat-prank")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("caller-history")).ToContainTextAsync("Iseng");
    }

    [Fact]
    public async Task An_operator_flags_a_recent_call_as_a_prank_and_its_status_follows_live()
    {
        // An incident whose caller cannot say where: it waits in triage until the operator learns it was a prank.
        var page = await consoles.SignInAsync(Roles.Operator, "/operator");
        await page.GetByLabel("Nomor telepon").FillAsync("0812 3030 4040");
        await page.ChooseFromListAsync("Kategori", "Kebakaran");
        await page.GetByLabel("Uraian kejadian").FillAsync("Rumah terbakar, kata penelepon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan panggilan" }).ClickAsync();
        var trackingCode = await page.GetByTestId("tracking-code").InnerTextAsync();

        var recent = page.GetByTestId("recent-calls").Locator("tr", new() { HasText = trackingCode });
        await Assertions.Expect(recent).ToContainTextAsync("Triase", new() { Timeout = 15_000 });
        await recent.GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByLabel("Catatan atau alasan").FillAsync("Penelepon mengaku iseng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai iseng" }).ClickAsync();
        await Assertions.Expect(recent).ToContainTextAsync("Iseng", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_station_resolves_a_report_and_it_leaves_the_open_list()
    {
        var reportId = await consoles.System.PostReportAsync(Theft);
        var summary = await consoles.System.WaitForTrackingAsync(reportId, "forwarded");
        var trackingCode = summary.GetProperty("trackingCode").GetString()!;
        var page = await consoles.SignInAsync(Roles.Station, "/station");
        var row = page.GetByTestId("station-reports").Locator("tr", new() { HasText = trackingCode });
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByLabel("NRP petugas").FillAsync("85020456");
        await page.GetByLabel("Nama petugas").FillAsync("Aiptu Dewi Lestari");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terima (akui)" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("row-status")).ToHaveTextAsync("Ditangani", new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Selesaikan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-input-control", new() { Has = page.GetByLabel("Hasil") })).ToContainTextAsync("Required");

        await page.GetByLabel("Hasil").FillAsync("Pelaku diamankan");
        await page.GetByLabel("Ringkasan tindakan").FillAsync("Motor ditemukan dan dikembalikan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Selesaikan" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await consoles.System.WaitForTrackingAsync(reportId, "resolved");

        // A supervisor closes it before its 72 hours are up.
        var supervisor = await consoles.SignInAsync(Roles.Supervisor, $"/reports/{reportId}");
        await supervisor.GetByLabel("Alasan penutupan").FillAsync("Pelapor mengonfirmasi motor kembali");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Tutup laporan" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("report-status").First).ToHaveTextAsync("Ditutup", new() { Timeout = 10_000 });
        await consoles.System.WaitForTrackingAsync(reportId, "closed");
    }

    [Fact]
    public async Task An_admin_issues_a_station_s_credentials_and_is_told_of_an_unknown_station()
    {
        var page = await consoles.SignInAsync(Roles.Admin, "/admin");
        await page.GetByLabel("Polres atau Polsek").FillAsync("polres-bantul");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terbitkan kredensial" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("credentials")).ToContainTextAsync("dispatch.polres-bantul", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("credentials")).ToContainTextAsync("station-polres-bantul");

        await page.GetByLabel("Polres atau Polsek").FillAsync("polres-atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terbitkan kredensial" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("polres-atlantis");
        await Assertions.Expect(page.GetByTestId("credentials")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_station_flags_a_prank_and_rejects_a_report_that_is_not_its_own()
    {
        var prank = await consoles.System.PostReportAsync(SampleReports.Theft(description: "Ternyata iseng"));
        var notOurs = await consoles.System.PostReportAsync(SampleReports.Theft(description: "Bukan wilayah kami"));
        var prankCode = (await consoles.System.WaitForTrackingAsync(prank, "forwarded")).GetProperty("trackingCode").GetString()!;
        var notOursCode = (await consoles.System.WaitForTrackingAsync(notOurs, "forwarded")).GetProperty("trackingCode").GetString()!;
        var page = await consoles.SignInAsync(Roles.Station, "/station");
        var reports = page.GetByTestId("station-reports");

        await reports.Locator("tr", new() { HasText = prankCode }).GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByLabel("Alasan").FillAsync("Penelepon mengaku iseng saat dihubungi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai iseng" }).ClickAsync();
        await Assertions.Expect(reports.Locator("tr", new() { HasText = prankCode })).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await consoles.System.WaitForTrackingAsync(prank, "flagged-as-prank");

        await reports.Locator("tr", new() { HasText = notOursCode }).GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByLabel("Alasan").FillAsync("Lokasi di luar wilayah hukum kami");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tolak (bukan wilayah kami)" }).ClickAsync();
        // Routing re-routes a rejected report at once, so its history, not its passing status, shows the rejection.
        await Eventually.TrueAsync(
            async () => (await consoles.System.HistoryAsync(notOurs)).Any(e => e.GetProperty("type").GetString() == "ReportRejected"),
            TimeSpan.FromSeconds(15), "the rejection in the report's history");
    }

    [Fact]
    public async Task A_supervisor_routes_a_report_from_triage()
    {
        var reportId = await consoles.System.PostReportAsync(new
        {
            caller = new { phone = "081377778888" },
            category = "fire",
            description = "Kebakaran, penelepon tidak tahu nama tempatnya",
        });
        var trackingCode = (await consoles.System.WaitForTrackingAsync(reportId, "routing-failed")).GetProperty("trackingCode").GetString()!;
        var page = await consoles.SignInAsync(Roles.Supervisor, "/supervisor");
        var entry = page.Locator("tr", new() { HasText = trackingCode }).GetByRole(AriaRole.Button);
        await entry.ClickAsync();
        await page.ChooseFromListAsync("Tempat", "Poris Plawad Utara");
        await page.GetByLabel("Alasan").FillAsync("Penelepon dihubungi kembali");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Arahkan {trackingCode}" }).ClickAsync();
        await consoles.System.WaitForTrackingAsync(reportId, "forwarded");
        await Assertions.Expect(entry).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
