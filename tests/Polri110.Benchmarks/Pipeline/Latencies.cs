namespace Polri110.Benchmarks.Pipeline;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
public sealed record Latencies(int Count, double P50, double P95, double P99, double Max)
{
    public static Latencies Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double fraction) => sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
        return new Latencies(sorted.Length, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public override string ToString() => $"{P50:N0} / {P95:N0} / {P99:N0} / {Max:N0}";
}
