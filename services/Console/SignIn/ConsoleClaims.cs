namespace Polri110.Console.SignIn;

/// <summary>What the console's sign-in cookie holds about the person, besides their role and subject.</summary>
public static class ConsoleClaims
{
    /// <summary>The bearer token the services accept for this person; the console sends it with every call it makes for them.</summary>
    public const string ApiToken = "api_token";

    /// <summary>The Polres (or Polsek) a station desk acts for.</summary>
    public const string Station = "station";
}
