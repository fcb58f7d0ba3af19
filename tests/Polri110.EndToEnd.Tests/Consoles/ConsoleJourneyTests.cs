using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Polri110.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace Polri110.EndToEnd.Tests.Consoles;

/// <summary>
/// The consoles as people use them, in a real Chromium: an operator takes a call from the keyboard, the station desk
/// sees it arrive live and acts on it, the supervisor's page follows, and an auditor reads its timeline.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleJourneyTests(ConsoleSystem consoles, ITestOutputHelper output)
{
    [Fact]
    public async Task A_call_taken_by_keyboard_reaches_the_station_live_and_every_role_follows_it()
    {
        var loading = Stopwatch.StartNew();
        var station = await consoles.SignInAsync(Roles.Station, "/station");
        output.WriteLine($"Station page interactive after sign-in: {loading.ElapsedMilliseconds} ms");
        var supervisor = await consoles.SignInAsync(Roles.Supervisor, "/supervisor");
        var operatorPage = await consoles.SignInAsync(Roles.Operator, "/operator");
        var acknowledgedBefore = int.Parse(await supervisor.GetByTestId("count-acknowledged").InnerTextAsync());

        // The whole call from the keyboard: the phone has the focus; Tab moves on; places and categories are typed and picked with Enter.
        var keyboard = operatorPage.Keyboard;
        await operatorPage.TabToAsync("Nomor telepon");
        await keyboard.TypeAsync("0812 7788 9900");
        await operatorPage.GetByTestId("caller-history").WaitForAsync();
        await operatorPage.TabToAsync("Nama penelepon");
        await keyboard.TypeAsync("Siti Rahayu");
        await operatorPage.ChooseFromListAsync("Tempat", "Poris Plawad Utara", tabToIt: true);
        await Assertions.Expect(operatorPage.GetByLabel("Tempat")).ToHaveValueAsync(new Regex("Kota Tangerang"));
        await operatorPage.TabToAsync("Alamat");
        await keyboard.TypeAsync("Jl. Hasyim Ashari No. 10");
        await operatorPage.ChooseFromListAsync("Kategori", "Pencurian", tabToIt: true);
        await Assertions.Expect(operatorPage.GetByLabel("Kategori")).ToHaveValueAsync("Pencurian");
        await operatorPage.TabToAsync("Uraian kejadian");
        await keyboard.TypeAsync("Sepeda motor dicuri di depan warung");
        await operatorPage.TabToAsync("Simpan panggilan");
        await operatorPage.ScreenshotAsync(new() { Path = ConsolePages.ScreenshotPath("operator"), FullPage = true });
        var saved = Stopwatch.StartNew();
        await keyboard.PressAsync("Enter");

        await Assertions.Expect(operatorPage.GetByText("Required")).ToHaveCountAsync(0);
        var trackingCode = await operatorPage.GetByTestId("tracking-code").InnerTextAsync();
        Assert.Matches(new Regex("^110-[0-9A-Z]{4}-[0-9A-Z]{4}$"), trackingCode);
        output.WriteLine($"Saved as {trackingCode} after {saved.ElapsedMilliseconds} ms");

        // Pushed to the open station page, no reload.
        var row = station.GetByTestId("station-reports").Locator("tr", new() { HasText = trackingCode });
        try
        {
            await row.WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            output.WriteLine(consoles.ConsoleOutput);
            output.WriteLine(await station.ContentAsync());
            throw;
        }

        output.WriteLine($"On the station page {saved.ElapsedMilliseconds} ms after save");
        await station.ScreenshotAsync(new() { Path = ConsolePages.ScreenshotPath("station"), FullPage = true });

        // The station acknowledges; the supervisor's page follows.
        await station.GetByLabel("NRP petugas").FillAsync("85010123");
        await station.GetByLabel("Nama petugas").FillAsync("Bripka Andi Wijaya");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        var acted = Stopwatch.StartNew();
        await station.GetByRole(AriaRole.Button, new() { Name = "Terima (akui)" }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("row-status")).ToHaveTextAsync("Ditangani", new() { Timeout = 10_000 });
        await Assertions.Expect(supervisor.GetByTestId("count-acknowledged")).ToHaveTextAsync((acknowledgedBefore + 1).ToString(), new() { Timeout = 10_000 });
        output.WriteLine($"Supervisor page showed the acknowledgement {acted.ElapsedMilliseconds} ms after the click");
        await supervisor.ScreenshotAsync(new() { Path = ConsolePages.ScreenshotPath("supervisor"), FullPage = true });

        // The auditor reads the timeline, with the officer, and the chain's verdict.
        var reportLink = supervisor.GetByRole(AriaRole.Link, new() { Name = trackingCode });
        var reportPath = new Uri(consoles.Address, await reportLink.GetAttributeAsync("href")).AbsolutePath;
        var auditor = await consoles.SignInAsync(Roles.Auditor, reportPath);
        await Assertions.Expect(auditor.GetByTestId("timeline-event")).ToHaveTextAsync(
            ["Panggilan diterima", "Diteruskan ke Polres", "Diterima petugas"], new() { Timeout = 10_000 });
        await Assertions.Expect(auditor.GetByTestId("timeline")).ToContainTextAsync("85010123 Bripka Andi Wijaya");
        await Assertions.Expect(auditor.GetByTestId("chain-verdict")).ToContainTextAsync("Rantai hash utuh", new() { Timeout = 15_000 });
        // As it stood a moment ago, in the place's own zone (WIB for Tangerang): acknowledged already.
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        // Typed as the browser keeps a datetime-local value: it drops ":00" seconds, and Playwright refuses a fill
        // whose value the input does not keep as given ("Malformed value").
        var typed = now.ToString(now.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
        await auditor.GetByLabel("Keadaan pada (WIB)").FillAsync(typed);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await Assertions.Expect(auditor.GetByTestId("as-of-state")).ToContainTextAsync("Ditangani");
        await auditor.ScreenshotAsync(new() { Path = ConsolePages.ScreenshotPath("report"), FullPage = true });

        await Assertions.Expect(row).ToContainTextAsync("Pencurian");
        Assert.DoesNotContain("7788", consoles.ConsoleOutput);
        Assert.DoesNotContain("Siti Rahayu", consoles.ConsoleOutput);
    }
}
