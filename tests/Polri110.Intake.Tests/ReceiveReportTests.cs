using Polri110.Contracts;
using Polri110.Intake.Reports;
using Polri110.Intake.Reports.ReceivingReport;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.Intake.Tests;

public class ReceiveReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    private static ReceiveReport Command(string category = "theft") => new(
        Guid.NewGuid(), "110-AAAA-BBBB", CallType.Incident, new Caller("+6281234567890", "Budi"), new IncidentLocation("36.71.01.1001", "Jl. Daan Mogot", -6.17, 106.63),
        category, "Motor dicuri", Now.AddMinutes(-30), "operator-7", Now);

    [Theory]
    [InlineData("theft", Priority.P3)]
    [InlineData("robbery", Priority.P2)]
    [InlineData("kidnapping", Priority.P1)]
    public void Given_no_report_When_operator_records_a_call_Then_report_is_received_with_the_category_priority(string category, Priority priority)
    {
        var command = Command(category);

        var received = Assert.IsType<ReportReceived>(Assert.Single(ReceiveReport.Decide(null, command).Events));

        Assert.Equal(command.ReportId, received.ReportId);
        Assert.Equal(priority, received.Priority);
        Assert.Equal("operator-7", received.Actor);
        Assert.Equal(Now, received.OccurredAt);
    }

    [Theory]
    [InlineData(CallType.Silent)]
    [InlineData(CallType.Prank)]
    [InlineData(CallType.Information)]
    public void Given_no_report_When_operator_records_a_call_that_is_not_an_incident_with_only_the_phone_Then_it_is_received_as_routine(CallType callType)
    {
        var command = Command() with { CallType = callType, Caller = new Caller("+6281234567890", null), Location = IncidentLocation.Unknown, Category = null, Description = null };

        var received = Assert.IsType<ReportReceived>(Assert.Single(ReceiveReport.Decide(null, command).Events));

        Assert.Equal(callType, received.CallType);
        Assert.Equal(Priority.P3, received.Priority);
        Assert.Null(received.Category);
        Assert.Null(received.Location.RegionCode);
    }

    [Fact]
    public void Given_no_report_When_a_prank_call_names_a_life_threatening_category_Then_it_still_carries_no_urgency()
    {
        var received = (ReportReceived)ReceiveReport.Decide(null, Command("kidnapping") with { CallType = CallType.Prank }).Events.Single();

        Assert.Equal(Priority.P3, received.Priority);
        Assert.Equal("kidnapping", received.Category);
    }

    [Fact]
    public void Given_existing_report_When_recorded_again_under_its_id_Then_conflict()
    {
        var command = Command();
        var existing = ReportLifecycle.Begin((ReportReceived)ReceiveReport.Decide(null, command).Events.Single());

        Assert.Equal(RejectionKind.Conflict, ReceiveReport.Decide(existing, command).Rejection?.Kind);
    }

    [Fact]
    public void Tracking_codes_are_readable_over_the_phone_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => TrackingCodes.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^110-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
