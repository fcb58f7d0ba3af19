using BenchmarkDotNet.Running;
using Polri110.Benchmarks.Jurisdictions;

// dotnet run -c Release --project tests/Polri110.Benchmarks -- jurisdictions
//   start-up cost and memory of the region directory and jurisdiction map, then BenchmarkDotNet figures for
//   resolving a region code and searching region names (the operator's autocomplete).
switch (args.FirstOrDefault())
{
    case "jurisdictions":
        JurisdictionStartup.Measure();
        BenchmarkRunner.Run<JurisdictionBenchmarks>(args: args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Polri110.Benchmarks -- jurisdictions [BenchmarkDotNet options]");
        return 2;
}
