using System.Text.RegularExpressions;
using Polri110.Contracts;
using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Reports.ReceivingReport;

/// <summary>
/// Checks a report request field by field, so the operator's console can show every problem at once. Every call needs
/// the caller's number; an incident also needs its category and description, and its place when the caller knows it
/// (without a region it goes to triage). Whatever else is given must be valid, whatever the call type.
/// </summary>
public static partial class ReportRequestValidator
{
    // Indonesia with a margin: its territory spans about 6°N–11°S and 95°E–141°E.
    private const double MinLatitude = -12, MaxLatitude = 7, MinLongitude = 94, MaxLongitude = 142;

    /// <param name="regionExists">Whether a well-formed code names a region of Indonesia.</param>
    public static Dictionary<string, string[]> Validate(ReportRequest request, DateTimeOffset now, Func<string, bool> regionExists)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (!CallTypes.TryParse(request.CallType, out var callType))
        {
            Fail("callType", $"One of: {string.Join(", ", CallTypes.Names)} (incident when left out).");
        }

        var incident = callType == CallType.Incident;
        if (!PhoneNumbers.TryNormalise(request.Caller?.Phone, out _))
        {
            Fail("caller.phone", $"Required. {PhoneNumbers.Rule}");
        }

        if (request.Caller?.Name is { } name && !PersonNamePattern().IsMatch(name))
        {
            Fail("caller.name", "1 to 200 letters, spaces and . , ' - (leave it out when the caller gives no name).");
        }

        // No region: the caller cannot say where; the report is recorded and waits in triage.
        var region = request.Location?.RegionCode;
        if (region is not null && !RegionCode.IsWellFormed(region))
        {
            Fail("location.regionCode", "A Kemendagri region code such as 36, 36.71, 36.71.01 or 36.71.01.1001 (leave it out when the caller cannot say where).");
        }
        else if (region is not null && !regionExists(region))
        {
            Fail("location.regionCode", $"No region of Indonesia has the code {region}.");
        }

        if (request.Location?.Address is { } address && !TextInput.IsClean(address, 500, allowLineBreaks: false))
        {
            Fail("location.address", "At most 500 characters, without control characters.");
        }

        if (request.Location is { Latitude: { } latitude } && (double.IsNaN(latitude) || latitude is < MinLatitude or > MaxLatitude))
        {
            Fail("location.latitude", $"Must lie within Indonesia ({MinLatitude} to {MaxLatitude}).");
        }

        if (request.Location is { Longitude: { } longitude } && (double.IsNaN(longitude) || longitude is < MinLongitude or > MaxLongitude))
        {
            Fail("location.longitude", $"Must lie within Indonesia ({MinLongitude} to {MaxLongitude}).");
        }

        if (request.Location is { } location && location.Latitude.HasValue != location.Longitude.HasValue)
        {
            Fail("location", "Give both latitude and longitude, or neither.");
        }

        if (request.Category is { } category ? !Categories.Priorities.ContainsKey(category) : incident)
        {
            Fail("category", $"{(incident ? "Required for an incident" : "Optional")}, one of: {string.Join(", ", Categories.Priorities.Keys)}.");
        }

        if (request.Description is { } description
                ? string.IsNullOrWhiteSpace(description) || !TextInput.IsClean(description, 4000)
                : incident)
        {
            Fail("description", $"{(incident ? "Required for an incident" : "Optional")}: 1 to 4000 characters, without control characters other than line breaks and tabs.");
        }

        if (request.OccurredAt is { } occurredAt && occurredAt > now.AddMinutes(5))
        {
            Fail("occurredAt", "Cannot lie in the future.");
        }

        return errors;
    }

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} .,'-]{0,199}$")]
    private static partial Regex PersonNamePattern();
}
