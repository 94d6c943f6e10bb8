namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// Where a pocketsphinx model lives: the acoustic model folder (<c>mdef</c>, <c>means</c>, ...), the pronunciation
/// dictionary and, for dictation, the language model. <see cref="EnUs"/> is Debian's pocketsphinx-en-us.
/// </summary>
/// <param name="AcousticModel">The folder with <c>mdef</c>, <c>means</c>, <c>variances</c>, <c>transition_matrices</c>, <c>feat.params</c>.</param>
/// <param name="Dictionary">The pronunciation dictionary (CMUdict format: word, then its ARPAbet phones).</param>
/// <param name="LanguageModel">The n-gram language model for dictation (ARPA or binary), or null.</param>
public sealed record PocketsphinxModel(string AcousticModel, string Dictionary, string? LanguageModel)
{
    /// <summary>Where Debian's pocketsphinx-en-us installs the US English model.</summary>
    public const string EnUsFolder = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The US English model of Debian's pocketsphinx-en-us.</summary>
    public static PocketsphinxModel EnUs { get; } = InFolder(EnUsFolder);

    /// <summary>A model laid out as pocketsphinx-en-us is: <c>FOLDER/en-us/</c>, <c>FOLDER/cmudict-en-us.dict</c>, <c>FOLDER/en-us.lm.bin</c>.</summary>
    public static PocketsphinxModel InFolder(string folder) => new(
        Path.Combine(folder, "en-us"), Path.Combine(folder, "cmudict-en-us.dict"), Path.Combine(folder, "en-us.lm.bin"));

    /// <summary>Throws a one-line <see cref="PocketsphinxException"/> naming the first missing file and the package to install.</summary>
    public void Require(bool languageModel = false)
    {
        if (!File.Exists(Path.Combine(AcousticModel, "mdef")))
            throw new PocketsphinxException($"{AcousticModel}: no pocketsphinx acoustic model there (mdef missing); install the Debian package pocketsphinx-en-us or name a model folder");
        // sphinxbase ends the whole process (E_FATAL) on a malformed model file, so the cheap checks come first here.
        foreach (string part in new[] { "means", "variances", "transition_matrices" })
            if (!File.Exists(Path.Combine(AcousticModel, part)))
                throw new PocketsphinxException($"{AcousticModel}: not a complete pocketsphinx acoustic model ({part} missing); install the Debian package pocketsphinx-en-us or name a model folder");
        if (!HasModelDefinitionHeader(Path.Combine(AcousticModel, "mdef")))
            throw new PocketsphinxException($"{Path.Combine(AcousticModel, "mdef")}: not a pocketsphinx model definition (expected 'BMDF' or '0.3' at byte 0)");
        if (!File.Exists(Dictionary))
            throw new PocketsphinxException($"{Dictionary}: pronunciation dictionary missing; install the Debian package pocketsphinx-en-us or name a model folder");
        if (languageModel && (LanguageModel is null || !File.Exists(LanguageModel)))
            throw new PocketsphinxException($"{LanguageModel ?? "(none)"}: language model missing, needed for dictation; install the Debian package pocketsphinx-en-us");
    }

    // A binary model definition starts with "BMDF", a text one with its version "0.3".
    private static bool HasModelDefinitionHeader(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        int n = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        return n == 4 && (head.SequenceEqual("BMDF"u8) || head[..3].SequenceEqual("0.3"u8));
    }
}
