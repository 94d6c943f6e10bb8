using EdgeAI.TestKit;
using EdgeAI.Voice.Sherpa;

namespace EdgeAI.Voice.Tests.Sherpa;

/// <summary>
/// Model folders are told apart by their files and refused in one line naming the folder and what was expected, before
/// sherpa-onnx sees them (sherpa-onnx aborts the process on a corrupt .onnx). Real ONNX files here are copies of the
/// cached Silero model: the layout is what is tested, not the model.
/// </summary>
public sealed class SherpaModelFolderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Onnx()
    {
        try
        {
            return SharedModels.Cache.GetPath("silero-vad");
        }
        catch (EdgeAI.Inference.Models.ModelNotAvailableException e)
        {
            throw Xunit.Sdk.SkipException.ForSkip(e.Message);
        }
    }

    private string Folder(string name, params string[] files)
    {
        string dir = _dir.File(name);
        Directory.CreateDirectory(dir);
        foreach (var f in files)
        {
            string path = Path.Combine(dir, f);
            if (f.EndsWith('/')) Directory.CreateDirectory(path);
            else if (f.EndsWith(".onnx", StringComparison.Ordinal)) File.Copy(Onnx(), path);
            else File.WriteAllText(path, "<blk> 0\na 1\n");
        }
        return dir;
    }

    private static SherpaModelFolderException Refused(Func<object> open, string folder, string says)
    {
        var e = Assert.Throws<SherpaModelFolderException>(open);
        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.StartsWith(folder + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.IsAssignableFrom<FormatException>(e);   // edgeai: one line, exit code 2
        return e;
    }

    [Fact]
    public void ForRecognizer_EmptyFolder_Refused() =>
        Refused(() => SherpaModelFolder.ForRecognizer(Folder("empty")), _dir.File("empty"), "the folder is empty");

    [Fact]
    public void ForRecognizer_MissingFolder_Refused() =>
        Refused(() => SherpaModelFolder.ForRecognizer(_dir.File("nowhere")), _dir.File("nowhere"), "no such folder");

    [Fact]
    public void ForRecognizer_AFileNotAFolder_Refused()
    {
        string file = _dir.File("model.onnx");
        File.WriteAllText(file, "x");
        Refused(() => SherpaModelFolder.ForRecognizer(file), file, "is a file, not a model folder");
    }

    [Fact]
    public void ForRecognizer_TransducerWithoutTokens_Refused()
    {
        string dir = Folder("no-tokens", "encoder-epoch-99.onnx", "decoder-epoch-99.onnx", "joiner-epoch-99.onnx");
        Refused(() => SherpaModelFolder.ForRecognizer(dir), dir, "no tokens.txt");
    }

    [Fact]
    public void ForRecognizer_UnknownLayout_RefusedListingWhatIsThere()
    {
        string dir = Folder("unknown", "weights.onnx", "readme.md");
        var e = Refused(() => SherpaModelFolder.ForRecognizer(dir), dir, "unknown layout (holds readme.md, weights.onnx)");
        Assert.Contains("zipformer transducer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForRecognizer_ModelOnnxOfNeitherKnownKind_RefusedNamingTheMetadata()
    {
        string dir = Folder("plain-model", "model.onnx", "tokens.txt");
        Refused(() => SherpaModelFolder.ForRecognizer(dir), dir, "model.onnx has neither SenseVoice's metadata");
    }

    [Theory]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("text")]
    public void ForRecognizer_CorruptOnnx_RefusedBeforeSherpaSeesIt(string how)
    {
        string dir = Folder("corrupt-" + how, "decoder.onnx", "joiner.onnx", "tokens.txt");
        byte[] bytes = how switch
        {
            "random" => RandomBytes(4096),
            "truncated" => File.ReadAllBytes(Onnx())[..100_000],
            _ => "this is not a model\n"u8.ToArray(),
        };
        File.WriteAllBytes(Path.Combine(dir, "encoder.onnx"), bytes);
        Refused(() => SherpaModelFolder.ForRecognizer(dir), dir, "encoder.onnx is not a well-formed ONNX model");
    }

    [Fact]
    public void ForRecognizer_TransducerFiles_OfflineTransducerPreferringInt8()
    {
        string dir = Folder("offline", "encoder.onnx", "encoder.int8.onnx", "decoder.onnx", "joiner.int8.onnx", "tokens.txt");
        var folder = SherpaModelFolder.ForRecognizer(dir);
        Assert.Equal(SherpaModelKind.OfflineTransducer, folder.Kind);
        Assert.Equal(Path.Combine(dir, "encoder.int8.onnx"), folder.File("encoder"));
        Assert.Equal(Path.Combine(dir, "decoder.onnx"), folder.File("decoder"));
        Assert.Equal(Path.Combine(dir, "tokens.txt"), folder.File("tokens"));
    }

    [Fact]
    public void ForRecognizer_StreamingFolderName_StreamingTransducer()
    {
        string dir = Folder("sherpa-onnx-streaming-zipformer-en-2023-06-26", "encoder-epoch-99-avg-1-chunk-16-left-128.onnx",
            "decoder-epoch-99-avg-1-chunk-16-left-128.onnx", "joiner-epoch-99-avg-1-chunk-16-left-128.onnx", "tokens.txt");
        Assert.Equal(SherpaModelKind.StreamingTransducer, SherpaModelFolder.ForRecognizer(dir).Kind);
    }

    [Fact]
    public void ForRecognizer_WhisperAndMoonshineLayouts_Detected()
    {
        string whisper = Folder("whisper", "tiny.en-encoder.int8.onnx", "tiny.en-decoder.int8.onnx", "tiny.en-tokens.txt");
        var w = SherpaModelFolder.ForRecognizer(whisper);
        Assert.Equal(SherpaModelKind.Whisper, w.Kind);
        Assert.Equal(Path.Combine(whisper, "tiny.en-tokens.txt"), w.File("tokens"));
        string moonshine = Folder("moonshine", "preprocess.onnx", "encode.int8.onnx", "uncached_decode.int8.onnx", "cached_decode.int8.onnx", "tokens.txt");
        var m = SherpaModelFolder.ForRecognizer(moonshine);
        Assert.Equal(SherpaModelKind.Moonshine, m.Kind);
        Assert.Equal(Path.Combine(moonshine, "cached_decode.int8.onnx"), m.File("cached_decoder"));
        Assert.Equal(Path.Combine(moonshine, "encode.int8.onnx"), m.File("encoder"));
    }

    [Fact]
    public void ForKeywordSpotter_WithoutJoiner_Refused()
    {
        string dir = Folder("kws", "encoder.onnx", "decoder.onnx", "tokens.txt");
        Refused(() => SherpaModelFolder.ForKeywordSpotter(dir), dir, "unknown layout");
    }

    [Fact]
    public void ForVoice_PiperWithoutEspeakData_Refused()
    {
        string dir = Folder("piper", "en_US-amy-low.onnx", "tokens.txt");
        Refused(() => SherpaModelFolder.ForVoice(dir), dir, "no espeak-ng-data/ or lexicon.txt");
    }

    [Fact]
    public void ForVoice_PiperAndKokoro_Detected()
    {
        Assert.Equal(SherpaModelKind.Vits, SherpaModelFolder.ForVoice(Folder("amy", "en_US-amy-low.onnx", "tokens.txt", "espeak-ng-data/")).Kind);
        var kokoro = SherpaModelFolder.ForVoice(Folder("kokoro", "model.onnx", "voices.bin", "tokens.txt", "espeak-ng-data/"));
        Assert.Equal(SherpaModelKind.Kokoro, kokoro.Kind);
        Assert.EndsWith("voices.bin", kokoro.File("voices"), StringComparison.Ordinal);
    }

    [Fact]
    public void Engines_BadFolder_RefusedBeforeTheLibraryIsNeeded()
    {
        string empty = Folder("engine-empty");
        Refused(() => new SherpaRecognizer(empty), empty, "the folder is empty");
        Refused(() => new SherpaKeywordSpotter(empty, "hey edge"), empty, "the folder is empty");
        Refused(() => new SherpaSynthesizer(empty), empty, "the folder is empty");
    }

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        new Random(14).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => _dir.Dispose();
}
