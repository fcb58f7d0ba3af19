using System.Collections.Concurrent;

namespace Polri110.Console.Operator;

/// <summary>A call this operator took, as the console remembers it to offer it again.</summary>
public sealed record RecentCall(Guid ReportId, string TrackingCode, string CallType, DateTimeOffset ReceivedAt);

/// <summary>
/// The last calls each operator took through this console instance, newest first. Only ids and tracking codes: what a
/// call holds is read from the services whenever it is shown. Lost on restart, which loses nothing: the calls are in Intake.
/// </summary>
public sealed class RecentCalls
{
    private const int Kept = 20;
    private readonly ConcurrentDictionary<string, ImmutableCalls> byOperator = new();

    public IReadOnlyList<RecentCall> Of(string operatorId) => byOperator.GetValueOrDefault(operatorId)?.Calls ?? [];

    public void Add(string operatorId, RecentCall call) =>
        byOperator.AddOrUpdate(
            operatorId,
            _ => new ImmutableCalls([call]),
            (_, existing) => new ImmutableCalls([call, .. existing.Calls.Where(c => c.ReportId != call.ReportId).Take(Kept - 1)]));

    private sealed record ImmutableCalls(IReadOnlyList<RecentCall> Calls);
}
