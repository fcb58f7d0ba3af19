using Polri110.Contracts;

namespace Polri110.Intake.Reports;

/// <summary>What an operator may choose as a report's category, and the priority each one carries (SPEC §4).</summary>
public static class Categories
{
    public static readonly IReadOnlyDictionary<string, Priority> Priorities = new Dictionary<string, Priority>(StringComparer.Ordinal)
    {
        // P1: a life is at stake now.
        ["violent-crime"] = Priority.P1,
        ["kidnapping"] = Priority.P1,
        ["sexual-assault"] = Priority.P1,
        ["domestic-violence"] = Priority.P1,
        ["traffic-accident-injury"] = Priority.P1,
        ["fire"] = Priority.P1,
        ["terror-threat"] = Priority.P1,
        ["riot"] = Priority.P1,
        ["missing-child"] = Priority.P1,
        // P2: urgent, but no one is known to be in danger right now.
        ["robbery"] = Priority.P2,
        ["burglary"] = Priority.P2,
        ["assault"] = Priority.P2,
        ["traffic-accident"] = Priority.P2,
        ["drug-activity"] = Priority.P2,
        ["disturbance"] = Priority.P2,
        // P3: routine.
        ["theft"] = Priority.P3,
        ["fraud"] = Priority.P3,
        ["vandalism"] = Priority.P3,
        ["lost-property"] = Priority.P3,
        ["noise"] = Priority.P3,
        ["traffic-violation"] = Priority.P3,
        ["other"] = Priority.P3,
    };
}
