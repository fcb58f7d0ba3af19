using Polri110.Console.Api;

namespace Polri110.Console.Operator;

/// <summary>What the operator chooses from while taking a call: the call types and categories Intake accepts (SPEC §4).</summary>
public static class CallTaking
{
    public static readonly IReadOnlyList<string> CallTypes = ["incident", "prank", "silent", "misdial", "abusive", "information"];

    public static readonly IReadOnlyList<string> PrankKinds = ["prank", "silent", "misdial", "abusive"];

    /// <summary>Intake's categories, most urgent first (P1, P2, P3); their names are in the resources as "Category.&lt;code&gt;".</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "violent-crime", "kidnapping", "sexual-assault", "domestic-violence", "traffic-accident-injury", "fire", "terror-threat",
        "riot", "missing-child", "robbery", "burglary", "assault", "traffic-accident", "drug-activity", "disturbance", "theft",
        "fraud", "vandalism", "lost-property", "noise", "traffic-violation", "other",
    ];

    /// <summary>Digits typed so far: the caller's history is looked up once there are enough to name one number.</summary>
    public static bool IsLongEnoughToLookUp([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? phone) => phone is not null && phone.Count(char.IsAsciiDigit) >= 8;
}

/// <summary>The form's fields as the operator fills them in.</summary>
public sealed class CallForm
{
    public string Phone { get; set; } = "";

    public string Name { get; set; } = "";

    public string CallType { get; set; } = "incident";

    public RegionMatch? Region { get; set; }

    public string Address { get; set; } = "";

    public string? Category { get; set; }

    public string Description { get; set; } = "";

    public bool IsIncident => CallType == "incident";

    /// <summary>The body of POST /api/reports; empty fields are left out so Intake says what is missing.</summary>
    public object ToRequest() => new
    {
        caller = new { phone = Blank(Phone), name = Blank(Name) },
        location = Region is null && string.IsNullOrWhiteSpace(Address)
            ? null
            : new { regionCode = Region?.Code, address = Blank(Address) },
        category = Category,
        description = Blank(Description),
        callType = CallType,
    };

    /// <summary>What the person typed, trimmed; null when nothing was, so the service says what is missing.</summary>
    public static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
