namespace Polri110.Console.Language;

/// <summary>
/// The console's words: Resources/Language/SharedResource.resx in Bahasa Indonesia (the default),
/// SharedResource.en.resx in English. Pages take them through IStringLocalizer&lt;SharedResource&gt;.
/// </summary>
public sealed class SharedResource;
