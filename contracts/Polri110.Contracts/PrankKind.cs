namespace Polri110.Contracts;

public enum PrankKind
{
    Prank,
    Silent,
    Misdial,
}
