using Polri110.Contracts;

namespace Polri110.Tracking.Tests;

/// <summary>How the contracts read and write as JSON, as the store, the bus and the API use them.</summary>
public class ContractJsonTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    [Fact]
    public void Call_types_are_written_in_lower_case_and_prank_kinds_keep_the_names_stored_events_carry()
    {
        Assert.Equal("\"silent\"", System.Text.Json.JsonSerializer.Serialize(CallType.Silent, Json));
        Assert.Equal(CallType.Information, System.Text.Json.JsonSerializer.Deserialize<CallType>("\"information\"", Json));
        // Stations have flagged reports since before call types: their stored events say "Prank", and must still read.
        Assert.Equal(PrankKind.Prank, System.Text.Json.JsonSerializer.Deserialize<PrankKind>("\"Prank\"", Json));
        Assert.Equal("\"Abusive\"", System.Text.Json.JsonSerializer.Serialize(PrankKind.Abusive, Json));
    }

    [Fact]
    public void An_event_recorded_before_call_types_existed_reads_as_an_incident()
    {
        var received = System.Text.Json.JsonSerializer.Deserialize<ReportReceived>("""
            {"reportId":"01a227ef-33e8-71b1-972a-7de9f2981baa","trackingCode":"110-SHKH-PKX4","caller":{"phone":"+6281211112222","name":null},
             "location":{"regionCode":"36.71.01.1001"},"category":"theft","priority":"P3","description":"x","actor":"operator-1",
             "occurredAt":"2026-11-28T06:00:00+00:00"}
            """, Json)!;

        Assert.Equal(CallType.Incident, received.CallType);
    }
}
