using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Polri110.Console.Language;

/// <summary>Bahasa Indonesia by default, English selectable; the choice is kept in the culture cookie.</summary>
public static class ConsoleCultures
{
    public const string Indonesian = "id-ID";
    public const string English = "en-GB";

    public static void UseConsoleCultures(this WebApplication app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(Indonesian)
            .AddSupportedCultures(Indonesian, English)
            .AddSupportedUICultures(Indonesian, English));

    /// <summary>GET /language/{culture}?returnUrl=…: remembers the choice and goes back to the page.</summary>
    public static void MapLanguageChoice(this WebApplication app) =>
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (culture is not (Indonesian or English))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Language is {Indonesian} or {English}.");
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
                });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//") ? url : "/");
        }).AllowAnonymous();

    /// <summary>The value of &lt;html lang&gt;: "id" or "en".</summary>
    public static string HtmlLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
