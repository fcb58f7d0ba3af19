namespace Polri110.Contracts;

/// <summary>Set by the report's category; sets its SLA deadlines.</summary>
public enum Priority
{
    /// <summary>Life-threatening.</summary>
    P1 = 1,

    /// <summary>Urgent.</summary>
    P2 = 2,

    /// <summary>Routine.</summary>
    P3 = 3,
}
