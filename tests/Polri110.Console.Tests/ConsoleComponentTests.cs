using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Polri110.Console.Api;
using Polri110.Console.Live;
using Polri110.Console.Operator;
using Polri110.Console.SignIn;

namespace Polri110.Console.Tests;

/// <summary>The call-taking form against services that fail, refuse and answer, without a browser (bUnit).</summary>
public sealed class ConsoleComponentTests : BunitContext, IAsyncLifetime
{
    private readonly FakeServices services = new();
    // The form's only timer is the pause before the caller-history lookup: the tests move it on themselves.
    private readonly FakeTimeProvider clock = new();

    public ConsoleComponentTests()
    {
        // The suite runs these beside the other test assemblies on two cores: a starved thread pool is slow, not wrong.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<IHttpClientFactory>(services);
        Services.AddScoped<ServiceApi>();
        Services.AddSingleton<ReportFeed>();
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(clock);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var authorization = AddAuthorization();
        authorization.SetAuthorized("operator-7");
        authorization.SetRoles("operator");
        authorization.SetClaims(new Claim(ConsoleClaims.ApiToken, "operator-token"));
        // As in a circuit (the form focuses the phone once interactive); set last: it resolves the renderer's services.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task When_Intake_is_unreachable_the_banner_says_so_and_what_was_typed_stays()
    {
        services.Answer = _ => null;
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        await form.InvokeAsync(() => form.Find("#phone").Input("081233334444"));
        await form.InvokeAsync(() => form.Find("#description").Change("Ada orang pingsan di jalan"));

        await form.InvokeAsync(() => SaveButton(form).Click());

        form.WaitForAssertion(() => Assert.Contains("Layanan Intake tidak dapat dihubungi", form.Markup));
        Assert.Equal("081233334444", form.Find("#phone").GetAttribute("value"));
        Assert.Contains("Ada orang pingsan di jalan", form.Find("#description").TextContent + form.Find("#description").GetAttribute("value"));
    }

    [Fact]
    public async Task Saving_again_after_a_failure_sends_the_same_idempotency_key_so_the_call_is_recorded_once()
    {
        services.Answer = _ => null;
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        await form.InvokeAsync(() => form.Find("#phone").Input("081233334444"));
        await form.InvokeAsync(() => SaveButton(form).Click());
        form.WaitForAssertion(() => Assert.Contains("tidak dapat dihubungi", form.Markup));

        services.Answer = request => request.Method == HttpMethod.Post
            ? FakeServices.Json(HttpStatusCode.Created,
                """{"reportId":"0191f000-0000-7000-8000-000000000001","trackingCode":"110-ABCD-EFGH","priority":"P3","receivedAt":"2026-11-29T10:00:00Z","callType":"incident"}""")
            : FakeServices.Json(HttpStatusCode.OK, "[]");
        await form.InvokeAsync(() => SaveButton(form).Click());

        form.WaitForAssertion(() => Assert.Equal("110-ABCD-EFGH", form.Find("[data-testid=tracking-code]").TextContent));
        var posts = services.Requests.Where(request => request.Method == HttpMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        var keys = posts.Select(post => post.Headers.GetValues("Idempotency-Key").Single()).Distinct().ToList();
        Assert.Single(keys);
        Assert.All(posts, post => Assert.Equal("Bearer operator-token", post.Headers.Authorization?.ToString()));
    }

    [Fact]
    public async Task The_services_problems_are_shown_beside_the_fields_they_name()
    {
        services.Answer = _ => FakeServices.Json(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"caller.phone":["Not a phone number Indonesia can call back."],"category":["Required for an incident."]}}""",
            "application/problem+json");
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        await form.InvokeAsync(() => form.Find("#phone").Input("12"));
        await form.InvokeAsync(() => SaveButton(form).Click());

        form.WaitForAssertion(() => Assert.Contains("Not a phone number Indonesia can call back.", form.Markup));
        Assert.Contains("Required for an incident.", form.Markup);
        Assert.Empty(form.FindAll("[data-testid=tracking-code]"));
    }

    [Fact]
    public async Task A_new_call_after_a_saved_one_gets_a_new_idempotency_key()
    {
        var reportNumber = 0;
        services.Answer = request => request.Method == HttpMethod.Post
            ? FakeServices.Json(HttpStatusCode.Created,
                $$"""{"reportId":"0191f000-0000-7000-8000-00000000000{{++reportNumber}}","trackingCode":"110-AAAA-000{{reportNumber}}","priority":"P3","receivedAt":"2026-11-29T10:00:00Z","callType":"silent"}""")
            : FakeServices.Json(HttpStatusCode.OK, "[]");
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        foreach (var phone in new[] { "081211112222", "081233334444" })
        {
            await form.InvokeAsync(() => form.Find("#phone").Input(phone));
            await form.InvokeAsync(() => SaveButton(form).Click());
            form.WaitForAssertion(() => Assert.Contains("110-AAAA-000", form.Find("[data-testid=tracking-code]").TextContent));
        }

        var keys = services.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Headers.GetValues("Idempotency-Key").Single()).ToList();
        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public async Task The_callers_history_is_looked_up_once_typing_pauses_for_the_number_on_screen()
    {
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        foreach (var typed in new[] { "0812", "08123333", "081233334444" })
        {
            await form.InvokeAsync(() => form.Find("#phone").Input(typed));
            clock.Advance(TimeSpan.FromMilliseconds(100)); // keystrokes closer together than the pause
        }

        await form.InvokeAsync(() => { });
        Assert.Empty(HistoryLookups());

        clock.Advance(TimeSpan.FromMilliseconds(400));

        form.WaitForAssertion(() => Assert.Equal(["/api/callers/081233334444/history"], HistoryLookups()));
    }

    [Fact]
    public async Task A_call_saved_before_typing_paused_is_not_looked_up_afterwards_on_the_emptied_form()
    {
        services.Answer = request => request.Method == HttpMethod.Post
            ? FakeServices.Json(HttpStatusCode.Created,
                """{"reportId":"0191f000-0000-7000-8000-000000000001","trackingCode":"110-ABCD-EFGH","priority":"P3","receivedAt":"2026-11-29T10:00:00Z","callType":"silent"}""")
            : new HttpResponseMessage(HttpStatusCode.NotFound);
        var form = Render<CallTakingForm>(parameters => parameters.Add(p => p.OperatorId, "operator-7"));
        await form.InvokeAsync(() => form.Find("#phone").Input("081233334444"));
        await form.InvokeAsync(() => SaveButton(form).Click());
        form.WaitForAssertion(() => Assert.Equal("110-ABCD-EFGH", form.Find("[data-testid=tracking-code]").TextContent));

        clock.Advance(TimeSpan.FromMilliseconds(400)); // the pause ends after the save emptied the form
        await form.InvokeAsync(() => { }); // the lookup's continuation, queued on the renderer before this, has run

        // Reading the saved caller's history now would show it on the next call's form, and audit a reading nobody made.
        Assert.Empty(HistoryLookups());
    }

    private List<string> HistoryLookups() => services.Requests
        .Where(request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.StartsWith("/api/callers/", StringComparison.Ordinal))
        .Select(request => request.RequestUri!.AbsolutePath).ToList();

    private static AngleSharp.Dom.IElement SaveButton(IRenderedComponent<CallTakingForm> form) =>
        form.FindAll("button").Single(button => button.TextContent.Contains("Simpan panggilan"));

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
