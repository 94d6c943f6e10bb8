namespace EdgeAI.Voice.Intents;

/// <summary>Whole numbers 0-99 as English words and back ("twenty one" ↔ 21).</summary>
public static class NumberWords
{
    private static readonly string[] Units =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary><paramref name="n"/> (0-99) in words.</summary>
    public static string Say(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        if (n < 20) return Units[n];
        return n % 10 == 0 ? Tens[n / 10] : $"{Tens[n / 10]} {Units[n % 10]}";
    }

    /// <summary>The value of a units or teens word (0-19), or -1.</summary>
    public static int Unit(ReadOnlySpan<char> word)
    {
        for (int i = 0; i < Units.Length; i++) if (word.SequenceEqual(Units[i])) return i;
        return -1;
    }

    /// <summary>The value of a tens word (20, 30, ... 90), or -1.</summary>
    public static int Ten(ReadOnlySpan<char> word)
    {
        for (int i = 2; i < Tens.Length; i++) if (word.SequenceEqual(Tens[i])) return i * 10;
        return -1;
    }
}
