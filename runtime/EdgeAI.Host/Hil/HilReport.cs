using System.Globalization;

namespace EdgeAI.Host.Hil;

/// <summary>The readable report: per scenario its faults and notes, then one line per expectation (PASS, FAIL or
/// SKIP with what was observed; a failure also names the expectation's line), then the totals.</summary>
public static class HilReport
{
    /// <summary>Writes the report of <paramref name="results"/>.</summary>
    public static void Write(TextWriter output, IReadOnlyList<HilScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in results)
        {
            output.WriteLine(string.Create(inv, $"{r.Scenario.Name}: {r.DriveSeconds:0.0} s of drive in {r.WallSeconds:0.00} s ({r.Scenario.File})"));
            foreach (var note in r.Notes) output.WriteLine("  " + note);
            for (int i = 0; i < r.Results.Count; i++)
            {
                var x = r.Results[i];
                string verdict = x.Outcome switch { ExpectationOutcome.Passed => "PASS", ExpectationOutcome.Failed => "FAIL", _ => "SKIP" };
                output.WriteLine($"  {verdict} {x.Name}: {x.Evidence}");
                if (x.Outcome == ExpectationOutcome.Failed) output.WriteLine($"       {r.Scenario.File}:{r.Scenario.Expectations[i].Line}");
            }
        }
        int total = results.Sum(r => r.Results.Count), failed = results.Sum(r => r.Failed), skipped = results.Sum(r => r.Skipped);
        output.WriteLine(string.Create(inv,
            $"hil: {results.Count} scenarios, {total} expectations: {total - failed - skipped} passed, {failed} failed, {skipped} skipped in {results.Sum(r => r.WallSeconds):0.0} s"));
    }
}
