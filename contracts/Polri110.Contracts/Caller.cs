namespace Polri110.Contracts;

/// <summary>The person who called 110. Personal data: never logged.</summary>
public sealed record Caller(string Phone, string? Name);
