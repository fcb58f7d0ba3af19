using JasperFx;
using Marten;
using Polri110.Contracts;
using Polri110.Jurisdictions.Regions;
using Polri110.ServiceDefaults.Auth;
using Polri110.ServiceDefaults.EventStore;
using Polri110.ServiceDefaults.Http;
using Polri110.ServiceDefaults.Privacy;

namespace Polri110.Intake.Reports.ReceivingReport;

public sealed record ReportCreated(Guid ReportId, string TrackingCode, string Priority, DateTimeOffset ReceivedAt, string CallType);

public static class ReceiveReportEndpoint
{
    public static void MapReceiveReport(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/reports", Handle)
            .WithName("ReceiveReport")
            .RequireRole(Roles.Operator)
            .Produces<ReportCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> Handle(
        ReportRequest request, HttpContext http, ReportStreams reports, IDocumentStore store, RegionDirectory regions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = ReportRequestValidator.Validate(request, now, regions.Contains);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var idempotencyKey = http.Request.Headers[IdempotencyRecord.Header].FirstOrDefault();
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            return Problems.Invalid(new Dictionary<string, string[]> { [IdempotencyRecord.Header] = ["1 to 200 characters."] });
        }

        // A retried POST is found by its record's clash below (its transaction rolled back, Marten's tombstone in its
        // place in the sequence), not by a read before every report: a retry is rare, the read cost every report a statement.
        var requestHash = IdempotencyRecord.HashOf(request);

        // Both were checked by the validator: these only read them out again.
        CallTypes.TryParse(request.CallType, out var callType);
        PhoneNumbers.TryNormalise(request.Caller!.Phone, out var phone);
        var context = CommandContext.FromRequest(http, Actors.Of(http));
        for (var attempt = 1; ; attempt++)
        {
            var command = new ReceiveReport(
                Guid.CreateVersion7(now),
                TrackingCodes.New(),
                callType,
                new Caller(phone!, request.Caller.Name),
                request.Location is { } location
                    ? new IncidentLocation(location.RegionCode, location.Address, location.Latitude, location.Longitude)
                    : IncidentLocation.Unknown,
                request.Category,
                request.Description,
                request.OccurredAt?.ToUniversalTime(),
                context.Actor,
                now);
            var created = new ReportCreated(command.ReportId, command.TrackingCode, command.Priority.ToString(), now, CallTypes.NameOf(callType));
            try
            {
                // A fresh report id has no history: decide on none and start the stream.
                var decision = await reports.StartAsync<ReportLifecycle>(
                    command.ReportId,
                    context,
                    ReceiveReport.Decide(null, command),
                    storeAlongside: (session, _) =>
                    {
                        session.Insert(new TrackingCodeClaim(command.TrackingCode, command.ReportId));
                        if (idempotencyKey is not null)
                        {
                            session.Insert(new IdempotencyRecord(idempotencyKey, requestHash, command.ReportId, command.TrackingCode, created.Priority, now, created.CallType));
                        }
                    },
                    cancellationToken);
                return Problems.Answer(decision, () => Results.Created($"/api/reports/{command.ReportId}", created));
            }
            catch (DocumentAlreadyExistsException clash) when (clash.DocType == typeof(IdempotencyRecord) && idempotencyKey is not null)
            {
                // A retry, or a concurrent request with the same key that won the race: answer what it created.
                return await ReplayAsync(store, idempotencyKey, requestHash, cancellationToken)
                       ?? throw new InvalidOperationException("Idempotency record vanished after a clash.", clash);
            }
            catch (DocumentAlreadyExistsException clash) when (clash.DocType == typeof(TrackingCodeClaim) && attempt < 5)
            {
                // Another report holds this tracking code: draw a new one.
            }
        }
    }

    private static async Task<IResult?> ReplayAsync(IDocumentStore store, string key, string requestHash,
    CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var record = await session.LoadAsync<IdempotencyRecord>(key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        return record.RequestHash == requestHash
            ? Results.Created($"/api/reports/{record.ReportId}", new ReportCreated(record.ReportId, record.TrackingCode, record.Priority, record.ReceivedAt, record.CallType ?? "incident"))
            : Results.Problem(
                $"The {IdempotencyRecord.Header} was already used for a different report. Use a new key for a new report.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency key reused with a different body");
    }
}
