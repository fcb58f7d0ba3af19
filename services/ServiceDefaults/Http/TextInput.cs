namespace Polri110.ServiceDefaults.Http;

/// <summary>
/// The one rule for free text a person types (a reason, a note, a summary): bounded, and without control characters
/// other than line breaks and tabs, so nothing odd reaches the history, a station's screen or a log.
/// </summary>
public static class TextInput
{
    public static bool IsClean(string text, int maxLength, bool allowLineBreaks = true) =>
        text.Length <= maxLength && text.All(c => !char.IsControl(c) || (allowLineBreaks && c is '\n' or '\r' or '\t'));

    /// <summary>Adds a problem for <paramref name="field"/> unless <paramref name="value"/> is non-blank, clean text.</summary>
    /// <param name="what">What the field should say, for the problem: "why it is closed now".</param>
    public static void Require(IDictionary<string, string[]> errors, string field, string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || !IsClean(value, maxLength))
        {
            errors[field] = [$"Required: {what}, 1 to {maxLength} characters, without control characters other than line breaks and tabs."];
        }
    }

    /// <summary>As <see cref="Require"/>, for a field that may be left out.</summary>
    public static void Optional(IDictionary<string, string[]> errors, string field, string? value, int maxLength, string what)
    {
        if (value is not null && !IsClean(value, maxLength))
        {
            errors[field] = [$"Optional: {what}, at most {maxLength} characters, without control characters other than line breaks and tabs."];
        }
    }
}
