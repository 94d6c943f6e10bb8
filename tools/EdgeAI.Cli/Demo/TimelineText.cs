using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Cli.Demo;

/// <summary>A timeline event as one or two plain lines (the plain view and the live view's timeline).</summary>
internal static class TimelineText
{
    public static IEnumerable<string> Lines(TimelineEvent e)
    {
        string at = string.Format(CultureInfo.InvariantCulture, "{0,7:F1} s   ", e.AtS);
        switch (e.Type)
        {
            case "drive":
                yield return at + e.Text;
                break;
            case "suggestion":
                var s = e.Suggestion!;
                yield return $"{at}> {s.Kind} [{s.Priority.Name()}] {s.Id}: {s.Text}{(s.HeldS > 0 ? string.Create(CultureInfo.InvariantCulture, $" (held {s.HeldS:F1} s)") : "")}";
                yield return $"{new string(' ', at.Length)}  because {s.Reason}";
                break;
            case "held":
                yield return $"{at}~ {e.Kind} held back: {e.Reason}";
                break;
            case "question":
                yield return $"{at}? passenger: {e.Text}";
                break;
            case "answer":
                yield return $"{at}= assistant ({e.By}{(e.Tools.Count > 0 ? ", " + string.Join(", ", e.Tools.Select(t => t.Name)) : "")}): {e.Text}";
                break;
            case "skipped":
                yield return $"{at}! {e.Text}";
                break;
            default:
                yield return $"{at}< {e.Type} {e.Ref} {e.Kind} ({e.Reason})";
                break;
        }
    }
}
