using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Tests.Recognition;

public sealed class PocketsphinxDecoderTests
{
    private const string GoForward = "#JSGF V1.0;\ngrammar move;\npublic <move> = go <direction> <distance> [meter | meters];\n"
        + "<direction> = forward | backward;\n<distance> = one | two | three | four | five | six | seven | eight | nine | ten;\n";

    private static DecoderHypothesis Decode(PocketsphinxDecoder decoder, short[] audio, int chunk = 512)
    {
        decoder.StartUtterance();
        for (int at = 0; at < audio.Length; at += chunk) decoder.Process(audio.AsSpan(at, Math.Min(chunk, audio.Length - at)));
        decoder.EndUtterance();
        return decoder.Hypothesis();
    }

    [Fact]
    public void Grammar_GoForwardRecording_GivesItsTranscriptWithHighPosterior()
    {
        Sphinx.RequireTestData();
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        decoder.SetJsgfGrammar("move", GoForward);
        decoder.ActiveSearch = "move";
        var hyp = Decode(decoder, Sphinx.ReadRaw(Path.Combine(Sphinx.TestData, "goforward.raw")));
        Assert.Equal("go forward ten meters", hyp.Text);
        Assert.InRange(hyp.Posterior, 0.5, 1.0);
        Assert.Equal("move", decoder.ActiveSearch);
    }

    [Fact]
    public void Grammar_FloatSamplesInAnyChunking_GiveTheSameWordsAsShorts()
    {
        Sphinx.RequireTestData();
        short[] pcm = Sphinx.ReadRaw(Path.Combine(Sphinx.TestData, "goforward.raw"));
        float[] floats = Array.ConvertAll(pcm, s => s / 32768f);
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        decoder.SetJsgfGrammar("move", GoForward);
        decoder.ActiveSearch = "move";
        var reference = Decode(decoder, pcm);
        foreach (int chunk in new[] { 160, 512, 4096 })
        {
            decoder.StartUtterance();
            for (int at = 0; at < floats.Length; at += chunk) decoder.Process(floats.AsSpan(at, Math.Min(chunk, floats.Length - at)));
            decoder.EndUtterance();
            var hyp = decoder.Hypothesis();
            Assert.Equal(reference.Text, hyp.Text);
        }
    }

    [Fact]
    public void ToSigned16_EverySixteenBitValueAsTheReaderGivesIt_ComesBackExactly()
    {
        // Every 16-bit value, as PcmCodec decodes it (value / 32768), in a length that leaves a scalar tail.
        var floats = new float[65536 + 7];
        for (int i = 0; i < floats.Length; i++) floats[i] = (short)(i - 32768) / 32768f;
        var pcm = new short[floats.Length];
        EdgeAI.Audio.Pcm16.FromFloat(floats, pcm);
        for (int i = 0; i < floats.Length; i++) Assert.Equal((short)(i - 32768), pcm[i]);
    }

    [Theory]
    [InlineData(1.5f, 32767)]
    [InlineData(1f, 32767)]
    [InlineData(-1f, -32768)]
    [InlineData(-2f, -32768)]
    [InlineData(0.5f / 32768f + 1e-9f, 1)]
    [InlineData(-0.49f / 32768f, 0)]
    [InlineData(100.4f / 32768f, 100)]
    public void ToSigned16_ClipsAndRoundsToNearest_InTheVectorAndTheScalarPart(float sample, short expected)
    {
        // 37 samples: the vector loop takes the first 16 or 32 (by the machine's width), the rest is the scalar tail.
        var floats = Enumerable.Repeat(sample, 37).ToArray();
        var pcm = new short[floats.Length];
        EdgeAI.Audio.Pcm16.FromFloat(floats, pcm);
        Assert.All(pcm, value => Assert.Equal(expected, value));
    }

    [Fact]
    public void Process_FloatChunks_AllocatesNothingPerChunk()
    {
        Sphinx.RequireTestData();
        short[] pcm = Sphinx.ReadRaw(Path.Combine(Sphinx.TestData, "goforward.raw"));
        float[] floats = Array.ConvertAll(pcm, s => s / 32768f);
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        decoder.SetJsgfGrammar("move", GoForward);
        decoder.ActiveSearch = "move";
        decoder.StartUtterance();
        // warm up: the first calls of each method (JIT, P/Invoke stubs) may allocate once
        for (int at = 0; at < 2048; at += 512)
        {
            decoder.Process(floats.AsSpan(at, 512));
            _ = decoder.HasHypothesis();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int at = 2048; at + 512 <= floats.Length; at += 512)
        {
            decoder.Process(floats.AsSpan(at, 512));
            _ = decoder.HasHypothesis();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        decoder.EndUtterance();
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Keyphrase_SpotsForwardInTheRecording_AndSwitchingBackToTheGrammarWorks()
    {
        Sphinx.RequireTestData();
        short[] pcm = Sphinx.ReadRaw(Path.Combine(Sphinx.TestData, "goforward.raw"));
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        decoder.SetJsgfGrammar("move", GoForward);
        decoder.SetKeyphrase("wake", "forward", 1e-20);
        decoder.ActiveSearch = "wake";
        bool spotted = false;
        decoder.StartUtterance();
        for (int at = 0; at < pcm.Length; at += 512)
        {
            decoder.Process(pcm.AsSpan(at, Math.Min(512, pcm.Length - at)));
            spotted |= decoder.HasHypothesis();
        }
        decoder.EndUtterance();
        Assert.True(spotted);
        Assert.Equal("forward", decoder.Hypothesis().Text);

        decoder.SetKeyphrase("other", "backward", 1e-20);
        decoder.ActiveSearch = "other";
        Assert.True(Decode(decoder, pcm).IsEmpty);

        decoder.ActiveSearch = "move";
        Assert.Equal("go forward ten meters", Decode(decoder, pcm).Text);
    }

    [Fact]
    public void AddWord_NewWordEntersTheGrammar_AndItsPronunciationReadsBack()
    {
        Sphinx.RequireModel();
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        Assert.False(decoder.HasWord("rumplerzeile"));
        decoder.AddWord("rumplerzeile", "R UH M P L ER T S AY L AH");
        Assert.True(decoder.HasWord("rumplerzeile"));
        Assert.Equal("R UH M P L ER T S AY L AH", decoder.Pronunciation("rumplerzeile"));
        decoder.SetJsgfGrammar("g", "#JSGF V1.0;\ngrammar g;\npublic <g> = go to rumplerzeile;\n");
    }

    [Fact]
    public void Grammar_WordMissingFromTheDictionary_IsOneLineNamingTheWord()
    {
        Sphinx.RequireModel();
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        var e = Assert.Throws<PocketsphinxException>(() =>
            decoder.SetJsgfGrammar("g", "#JSGF V1.0;\ngrammar g;\npublic <g> = go to schneckenburgerstrasse;\n"));
        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.Contains("schneckenburgerstrasse", e.Message);
        Assert.StartsWith("grammar 'g': ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AddWord_PhoneNotInTheModel_IsOneLineNamingThePhone()
    {
        Sphinx.RequireModel();
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        var e = Assert.Throws<PocketsphinxException>(() => decoder.AddWord("strasse", "SH T R AA X S AH"));
        TestContext.Current.TestOutputHelper?.WriteLine(e.Message);
        Assert.Contains("X", e.Message);
        Assert.StartsWith("word 'strasse'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Open_MissingModelFolder_IsOneLineNamingThePackage()
    {
        var e = Assert.Throws<PocketsphinxException>(() => PocketsphinxDecoder.Open(PocketsphinxModel.InFolder("/nonexistent/model")));
        Assert.Equal("/nonexistent/model/en-us: no pocketsphinx acoustic model there (mdef missing); install the Debian package pocketsphinx-en-us or name a model folder", e.Message);
    }

    [Fact]
    public void Open_ForeignModelDefinition_IsOneLineBeforePocketsphinxSeesIt()
    {
        // sphinxbase would exit the process (E_FATAL) on this file: the check must come first.
        using var dir = new EdgeAI.TestKit.TempDirectory();
        Directory.CreateDirectory(dir.File("en-us"));
        File.WriteAllText(dir.File("en-us/mdef"), "not a model definition\n");
        foreach (var part in new[] { "means", "variances", "transition_matrices" }) File.WriteAllText(dir.File("en-us/" + part), "");
        var e = Assert.Throws<PocketsphinxException>(() => PocketsphinxDecoder.Open(PocketsphinxModel.InFolder(dir.Path)));
        Assert.Equal($"{dir.File("en-us/mdef")}: not a pocketsphinx model definition (expected 'BMDF' or '0.3' at byte 0)", e.Message);
    }

    [Fact]
    public void LibraryMissing_NamesTheDebianPackages()
    {
        var e = PocketsphinxDecoder.LibraryMissing(new DllNotFoundException("x"));
        Assert.Equal("libpocketsphinx.so.3 or libsphinxbase.so.3 (pocketsphinx 0.8) could not be loaded; install the Debian packages libpocketsphinx3 pocketsphinx-en-us", e.Message);
    }

    [Fact]
    public void StartUtterance_WithoutASearch_SaysToSetOne()
    {
        Sphinx.RequireModel();
        using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
        var e = Assert.Throws<PocketsphinxException>(decoder.StartUtterance);
        Assert.Equal("no search to decode with: set a grammar, keyphrase or language model first", e.Message);
    }

    [Fact]
    public async Task Decoders_OnThreads_WhileAnotherIsConfigured_AllDecodeAndErrorsStayTheirs()
    {
        // sphinxbase's log is process-wide: configuring one decoder must not disturb one decoding on another thread
        Sphinx.RequireTestData();
        short[] pcm = Sphinx.ReadRaw(Path.Combine(Sphinx.TestData, "goforward.raw"));
        var results = new string[2];
        var decoding = Enumerable.Range(0, 2).Select(i => Task.Run(() =>
        {
            using var decoder = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs);
            decoder.SetJsgfGrammar("move", GoForward);
            decoder.ActiveSearch = "move";
            for (int round = 0; round < 4; round++) results[i] = Decode(decoder, pcm).Text;
        }, TestContext.Current.CancellationToken)).ToArray();
        using (var other = PocketsphinxDecoder.Open(PocketsphinxModel.EnUs))
            for (int round = 0; round < 10; round++)
            {
                var e = Assert.Throws<PocketsphinxException>(() => other.SetJsgfGrammar("g", "#JSGF V1.0;\ngrammar g;\npublic <g> = go to rumplerzeile;\n"));
                Assert.Contains("rumplerzeile", e.Message);
            }
        await Task.WhenAll(decoding);
        Assert.All(results, r => Assert.Equal("go forward ten meters", r));
    }
}
