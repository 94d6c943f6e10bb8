using System.Diagnostics;
using System.Text;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// Pronunciations for words the dictionary lacks (German street and place names): espeak-ng spells each word in its
/// phoneme mnemonics (<c>espeak-ng -q -x -v de</c>), and <see cref="ToArpabet"/> maps those onto the en-us acoustic
/// model's ARPAbet phones (39 phones, no stress). German sounds English lacks take their nearest English phone as an
/// English speaker would say them: ach-laut [x] as K, ich-laut [ç] as HH, ü as UW, ö as ER.
/// </summary>
public static class EspeakPhonemes
{
    /// <summary>The phones of pocketsphinx's en-us model (its mdef, without SIL).</summary>
    public static IReadOnlySet<string> EnUsPhones { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
        "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    };

    // Longest first: a mnemonic and its phones. Shared by espeak-ng's German and English voices, whose mnemonics
    // mostly agree; the single letter 'a' is [æ] (AE) in US English and the open [a] (AA) in German and British
    // English, set per voice below.
    private static readonly (string Mnemonic, string Phones)[] Common =
    [
        ("aI@", "AY ER"), ("aU@", "AW ER"),
        ("aI", "AY"), ("aU", "AW"), ("OY", "OY"), ("OI", "OY"), ("eI", "EY"), ("oU", "OW"), ("@U", "OW"),
        ("i@", "IY AH"), ("e@", "EH R"), ("U@", "UH R"), ("o@", "AO R"), ("O@", "AO R"), ("A@", "AA R"),
        ("3:", "ER"), ("a:", "AA"), ("A:", "AA"), ("aa", "AA"), ("e:", "EY"), ("E:", "EH"), ("i:", "IY"), ("o:", "OW"),
        ("O:", "AO"), ("u:", "UW"), ("y:", "UW"), ("2:", "ER"), ("@L", "AH L"),
        ("tS", "CH"), ("dZ", "JH"), ("ts", "T S"), ("pf", "P F"),
        ("@", "AH"), ("3", "ER"), ("6", "ER"), ("A", "AA"), ("E", "EH"), ("e", "EH"), ("I", "IH"), ("i", "IY"),
        ("O", "AO"), ("o", "OW"), ("U", "UH"), ("u", "UW"), ("V", "AH"), ("0", "AA"), ("W", "ER"), ("Y", "UH"),
        ("y", "UW"),
        ("b", "B"), ("d", "D"), ("f", "F"), ("g", "G"), ("h", "HH"), ("j", "Y"), ("k", "K"), ("l", "L"), ("m", "M"),
        ("n", "N"), ("N", "NG"), ("p", "P"), ("r", "R"), ("R", "R"), ("s", "S"), ("S", "SH"), ("t", "T"), ("v", "V"),
        ("w", "W"), ("z", "Z"), ("Z", "ZH"), ("T", "TH"), ("D", "DH"), ("C", "HH"), ("x", "K"), ("X", "K"),
    ];

    /// <summary>
    /// The ARPAbet phones (space separated) of espeak-ng mnemonics <paramref name="mnemonics"/> ("Sn'Ek@nb,URg3str,as@")
    /// from espeak-ng's voice <paramref name="voice"/> ("de", "en-us", "en"); stress, syllable, pause and
    /// language-switch marks are dropped, and a phone repeated at once is said once.
    /// </summary>
    public static string ToArpabet(string mnemonics, string voice)
    {
        bool openA = !voice.StartsWith("en-us", StringComparison.Ordinal);
        var phones = new List<string>();
        int i = 0;
        while (i < mnemonics.Length)
        {
            char c = mnemonics[i];
            if (c == '(')
            {
                // "(en)" / "(de)": espeak-ng switched language for a word
                int close = mnemonics.IndexOf(')', i);
                i = close < 0 ? mnemonics.Length : close + 1;
                continue;
            }
            if (c == 'a' && !(i + 1 < mnemonics.Length && mnemonics[i + 1] is ':' or 'a' or 'I' or 'U'))
            {
                Add(phones, openA ? "AA" : "AE");
                i++;
                continue;
            }
            bool matched = false;
            foreach (var (mnemonic, arpabet) in Common)
            {
                if (string.CompareOrdinal(mnemonics, i, mnemonic, 0, mnemonic.Length) != 0) continue;
                foreach (string phone in arpabet.Split(' ')) Add(phones, phone);
                i += mnemonic.Length;
                matched = true;
                break;
            }
            // anything else (' , _ ! | # - : digits after a vowel such as "I2", '?' glottal stop) carries no phone
            if (!matched) i++;
        }
        return string.Join(' ', phones);
    }

    private static void Add(List<string> phones, string phone)
    {
        if (phones.Count == 0 || phones[^1] != phone) phones.Add(phone);
    }

    /// <summary>
    /// espeak-ng's mnemonics for each of <paramref name="words"/> with <paramref name="voice"/> ("de", "en-us"), in
    /// one process run (words one a line).
    /// </summary>
    /// <exception cref="PocketsphinxException">espeak-ng is not installed or fails (names the Debian package).</exception>
    public static IReadOnlyList<string> Mnemonics(IReadOnlyList<string> words, string voice)
    {
        if (words.Count == 0) return [];
        string output;
        try
        {
            var start = new ProcessStartInfo("espeak-ng")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (string a in new[] { "-q", "-x", "-v", voice, "--stdin" }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            // each word its own clause (a full stop) so that espeak-ng prints one token per word
            process.StandardInput.Write(string.Join(".\n", words) + ".\n");
            process.StandardInput.Close();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new PocketsphinxException($"espeak-ng -x -v {voice} failed (exit {process.ExitCode}): {error.Result.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PocketsphinxException("espeak-ng is needed to pronounce words missing from the dictionary; install the Debian package espeak-ng", e);
        }
        var tokens = output.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == words.Count) return tokens;
        // espeak-ng split or joined a word: ask for each alone
        return words.Count == 1 ? [string.Concat(tokens)] : [.. words.Select(w => Mnemonics([w], voice)[0])];
    }
}
