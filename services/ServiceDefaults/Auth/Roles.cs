namespace Polri110.ServiceDefaults.Auth;

/// <summary>The roles a bearer token may carry (SPEC §7), and the claims that carry them.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Station = "station";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Operator, Station, Supervisor, Auditor, Admin];

    /// <summary>Claim naming the role.</summary>
    public const string RoleClaim = "role";

    /// <summary>Claim naming the Polres a station token acts for.</summary>
    public const string StationClaim = "station";

    /// <summary>Claim naming the person or system acting: operator id, officer NRP, supervisor id.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>
    /// Claim on a station token: which issuing of the station's credentials it came with. Dispatch accepts only the
    /// current one; a token without it counts as generation 0, that of a station never issued credentials.
    /// </summary>
    public const string GenerationClaim = "gen";
}
