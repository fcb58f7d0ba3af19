using Microsoft.AspNetCore.Http;
using Polri110.ServiceDefaults.EventStore;

namespace Polri110.ServiceDefaults.Http;

/// <summary>The one place HTTP errors are shaped: RFC 9457 problem details.</summary>
public static class Problems
{
    public static IResult For(Rejection rejection) => rejection.Kind switch
    {
        RejectionKind.NotFound => Results.Problem(rejection.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        RejectionKind.Forbidden => Results.Problem(rejection.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        RejectionKind.Conflict => Results.Problem(rejection.Detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the report's current state"),
        RejectionKind.Invalid => Results.Problem(rejection.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request"),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid");

    public static IResult NotFound(string detail) => For(new Rejection(RejectionKind.NotFound, detail));

    public static IResult TooManyRequests(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    /// <summary>Answers a decider's outcome: the success result, or the problem that explains the refusal.</summary>
    public static IResult Answer(Decision decision, Func<IResult> onSuccess) =>
        decision.Rejection is { } rejection ? For(rejection) : onSuccess();

    /// <summary>Answers a command that records one event: 200 with that event, or the problem that explains the refusal.</summary>
    public static IResult AnswerWithEvent(Decision decision) => Answer(decision, () => Results.Ok(decision.Events.Single()));
}
