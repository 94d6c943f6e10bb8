namespace EdgeAI.Fuzz;

/// <summary><c>edgeai-fuzz [--cases N] [--seed S] [--keep DIR]</c>: the mutation run (README.md).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        int cases = int.Parse(Arg(args, "--cases") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        int seed = int.Parse(Arg(args, "--seed") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        string work = Path.Combine(Path.GetTempPath(), "edgeai-fuzz-" + Environment.ProcessId);
        try
        {
            var found = Run(cases, seed, work, Arg(args, "--keep"), Console.Error);
            Report(found, Console.Out);
            return found.Any(c => c.IsFailure) ? 1 : 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Prepares the inputs in <paramref name="work"/> and runs the cases.</summary>
    internal static List<FuzzCase> Run(int cases, int seed, string work, string? keep, TextWriter progress)
    {
        var run = new FuzzRun(FindModels(), work, seed);
        run.Prepare();
        return run.Run(cases, keep, progress);
    }

    /// <summary>One line per verdict with its count, then every case that is not ok.</summary>
    internal static void Report(List<FuzzCase> cases, TextWriter output)
    {
        foreach (string verdict in new[] { FuzzCase.Ok, FuzzCase.Crash, FuzzCase.Hang, FuzzCase.SilentLoss, FuzzCase.MultiLine })
            output.WriteLine($"{verdict,-17} {cases.Count(c => c.Verdict == verdict),6}");
        foreach (var c in cases.Where(c => c.Verdict != FuzzCase.Ok)) output.WriteLine(c);
    }

    private static string FindModels()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(Path.Combine(candidate, "dbc"))) return candidate;
        }
        throw new DirectoryNotFoundException("models/ (with dbc/) not found above " + AppContext.BaseDirectory);
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
