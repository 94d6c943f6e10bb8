using System.Text;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Tests.OpeningHours;

public class OpeningHoursOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void StateAt_RandomRulesOverTheSupportedGrammar_MatchesOpeningHoursJs()
    {
        if (OpeningHoursPeer.MissingReason is { } missing) Assert.Skip(missing);
        const int ruleCount = 4000, momentsPerRule = 10;
        var generator = new RandomOpeningHours(seed: 20260403);
        var requests = new List<(string Rule, DateTime[] At)>(ruleCount);
        for (var i = 0; i < ruleCount; i++) requests.Add(generator.Next(momentsPerRule));

        var answers = OpeningHoursPeer.Evaluate(requests);

        var mismatches = new StringBuilder();
        int mismatchCount = 0, compared = 0, open = 0, closed = 0, unknown = 0, peerErrors = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var (text, at) = requests[i];
            var (states, peerError) = answers[i];
            if (!OpeningHoursRule.TryParse(text, out var rule, out var error))
            {
                if (mismatchCount++ < 20) mismatches.AppendLine($"  \"{text}\": we cannot parse it ({error}); the peer {(peerError is null ? "can" : "cannot either")}");
                continue;
            }
            if (states is null)
            {
                peerErrors++;
                if (mismatchCount++ < 20) mismatches.AppendLine($"  \"{text}\": the peer cannot parse it: {peerError}");
                continue;
            }
            for (var k = 0; k < at.Length; k++)
            {
                var ours = rule.StateAt(at[k], PublicHolidays.Berlin) switch
                {
                    OpeningState.Open => "open",
                    OpeningState.Closed => "closed",
                    _ => "unknown",
                };
                compared++;
                switch (states[k]) { case "open": open++; break; case "closed": closed++; break; default: unknown++; break; }
                if (ours != states[k] && mismatchCount++ < 20)
                    mismatches.AppendLine($"  \"{text}\" at {at[k]:yyyy-MM-dd'T'HH:mm} ({at[k]:ddd}): ours {ours}, opening_hours.js {states[k]}");
            }
        }
        output.WriteLine($"{requests.Count} rules, {compared} moments compared (peer: {open} open, {closed} closed, {unknown} unknown), {mismatchCount} mismatches, {peerErrors} peer parse errors");
        Assert.True(mismatchCount == 0, $"{mismatchCount} mismatches with opening_hours.js over {requests.Count} rules and {compared} moments; the first:\n{mismatches}");
        Assert.True(open > compared / 10 && closed > compared / 10, $"the generator should exercise both states: {open} open, {closed} closed of {compared}");
    }
}
