namespace Polri110.ServiceDefaults.EventStore;

/// <summary>Why a command was refused; maps one-to-one onto an HTTP problem status.</summary>
public enum RejectionKind
{
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

public sealed record Rejection(RejectionKind Kind, string Detail);

/// <summary>
/// What a pure decider returns: the events to append, nothing (the command was already carried out:
/// this is what makes redelivered messages harmless), or a refusal that appends nothing.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }

    public Rejection? Rejection { get; }

    public static Decision Nothing { get; } = new([], null);

    public static Decision Append(params object[] events) => new(events, null);

    public static Decision Reject(RejectionKind kind, string detail) => new([], new Rejection(kind, detail));
}
