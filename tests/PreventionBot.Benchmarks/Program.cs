using BenchmarkDotNet.Running;

namespace PreventionBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/PreventionBot.Benchmarks -- --filter '*' [--job short]</c>.
/// Figures and how to read them: docs/performance.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
