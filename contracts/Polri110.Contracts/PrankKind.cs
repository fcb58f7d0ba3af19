namespace Polri110.Contracts;

/// <summary>What a report flagged after the fact turned out to be (<see cref="ReportFlaggedAsPrank"/>).</summary>
public enum PrankKind
{
    Prank,
    Silent,
    Misdial,
    Abusive,
}
