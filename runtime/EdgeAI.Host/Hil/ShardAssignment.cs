using System.Globalization;
using System.Text;

namespace EdgeAI.Host.Hil;

/// <summary>
/// <c>--shard i/n</c>: which scenarios run on shard i of n (1-based). A scenario's shard is FNV-1a (32 bit) of its
/// folder's name in UTF-8, modulo n, plus 1: stable across machines and runs, and adding a scenario never moves
/// another one to a different shard. Every scenario lands in exactly one shard.
/// </summary>
/// <param name="Index">The shard, 1..Count.</param>
/// <param name="Count">How many shards.</param>
public readonly record struct ShardAssignment(int Index, int Count)
{
    /// <summary>Parses <c>i/n</c>.</summary>
    /// <exception cref="FormatException">not two whole numbers with 1 &lt;= i &lt;= n.</exception>
    public static ShardAssignment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/');
        if (slash > 0 && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 1 && i <= n)
            return new ShardAssignment(i, n);
        throw new FormatException($"--shard: expected i/n with 1 <= i <= n (e.g. 2/4), found '{text}'");
    }

    /// <summary>The shard (1-based) a scenario folder named <paramref name="name"/> belongs to among <paramref name="count"/>.</summary>
    public static int ShardOf(string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return (int)(hash % (uint)count) + 1;
    }

    /// <summary>Whether the scenario folder named <paramref name="name"/> runs on this shard.</summary>
    public bool Includes(string name) => ShardOf(name, Count) == Index;
}
