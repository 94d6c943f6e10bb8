using System.Text;

namespace EdgeAI.Fuzz;

/// <summary>One way of damaging a file's bytes; <see cref="Hides"/> says whether a reader cannot see the loss it causes.</summary>
internal sealed record Damage(string Name, bool TextOnly, bool Hides, Func<byte[], Random, byte[]> Apply)
{
    private static readonly string[] Numbers = ["nan", "-1", "1e400", "-1e400", "inf", "123456789012345678901234567890", "0x", "4294967296"];

    /// <summary>Every damage the run draws from.</summary>
    public static readonly Damage[] All =
    [
        new("flip a bit", false, false, (b, r) => { var c = (byte[])b.Clone(); int i = r.Next(c.Length); c[i] ^= (byte)(1 << r.Next(8)); return c; }),
        new("flip 8 bits", false, false, (b, r) => { var c = (byte[])b.Clone(); for (int k = 0; k < 8; k++) { int i = r.Next(c.Length); c[i] ^= (byte)(1 << r.Next(8)); } return c; }),
        new("overwrite 16 bytes", false, false, (b, r) => { var c = (byte[])b.Clone(); int at = r.Next(c.Length); for (int i = at; i < Math.Min(c.Length, at + 16); i++) c[i] = (byte)r.Next(256); return c; }),
        new("insert 5 bytes", false, false, (b, r) => { int at = r.Next(b.Length); var junk = new byte[5]; r.NextBytes(junk); return [.. b.AsSpan(0, at), .. junk, .. b.AsSpan(at)]; }),
        new("remove 7 bytes", false, false, (b, r) => { int at = r.Next(Math.Max(1, b.Length - 7)); return [.. b.AsSpan(0, at), .. b.AsSpan(Math.Min(b.Length, at + 7))]; }),
        new("cut at a random byte", false, false, (b, r) => b.AsSpan(0, r.Next(b.Length)).ToArray()),
        new("cut in the last 64 KiB", false, false, (b, r) => b.AsSpan(0, Math.Max(0, b.Length - 1 - r.Next(Math.Min(b.Length, 65536)))).ToArray()),
        new("cut at a line end", true, true, (b, r) => { int at = r.Next(b.Length); int nl = Array.IndexOf(b, (byte)'\n', at); return b.AsSpan(0, nl < 0 ? b.Length : nl + 1).ToArray(); }),
        new("remove a line", true, true, (b, r) => Lines(b, r, (lines, i) => lines.RemoveAt(i))),
        new("duplicate a line", true, false, (b, r) => Lines(b, r, (lines, i) => lines.Insert(i, lines[i]))),
        new("swap two lines", true, false, (b, r) => Lines(b, r, (lines, i) => { int j = r.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); })),
        new("replace a number", true, false, (b, r) => Lines(b, r, (lines, i) => lines[i] = ReplaceNumber(lines[i], r))),
        new("add a token", true, false, (b, r) => Lines(b, r, (lines, i) => lines[i] = lines[i] + " extra")),
    ];

    private static byte[] Lines(byte[] bytes, Random random, Action<List<string>, int> edit)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        if (lines.Count > 1) edit(lines, random.Next(lines.Count - 1));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string ReplaceNumber(string line, Random random)
    {
        var spans = new List<(int Start, int Length)>();
        for (int i = 0; i < line.Length; i++)
        {
            if (!char.IsAsciiDigit(line[i])) continue;
            int start = i;
            while (i < line.Length && (char.IsAsciiDigit(line[i]) || line[i] == '.')) i++;
            spans.Add((start, i - start));
        }
        if (spans.Count == 0) return line;
        var (s, n) = spans[random.Next(spans.Count)];
        return string.Concat(line.AsSpan(0, s), Numbers[random.Next(Numbers.Length)], line.AsSpan(s + n));
    }
}
