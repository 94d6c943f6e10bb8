using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Simulated.Tests;

/// <summary>The replay's cabin microphone: recordings mixed in at their sample on the timeline, noise or silence
/// elsewhere, whole chunks with their times, and the end a tail after the last recording.</summary>
public sealed class ScriptedSpeechSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly float[] _clip;
    private readonly string _wav;

    public ScriptedSpeechSourceTests()
    {
        // Multiples of 1/32768: 16 bits keep them exactly.
        _clip = new float[700];
        for (int i = 0; i < _clip.Length; i++) _clip[i] = (i % 100 + 1) / 32768f;
        _wav = _dir.File("say.wav");
        WavFileSink.WriteAll(_wav, _clip);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<List<(EdgeAI.Audio.AudioChunk Chunk, float[] Samples)>> ReadAllAsync(ScriptedSpeechSource source)
    {
        var chunks = new List<(EdgeAI.Audio.AudioChunk, float[])>();
        var buffer = new float[source.ChunkSamples];
        while (true)
        {
            var chunk = await source.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (chunk.IsEnd) return chunks;
            chunks.Add((chunk, buffer[..chunk.Count]));
        }
    }

    [Fact]
    public async Task TwoRecordingsInSilence_EachAtItsSample_EndsATailAfterTheLast()
    {
        // At 0.1 s (sample 1600) and 0.2 s (3200); a tail of 0.05 s (800 samples) after the second ends at 3900.
        using var source = new ScriptedSpeechSource([(TimeSpan.FromSeconds(0.2), _wav), (TimeSpan.FromSeconds(0.1), _wav)], TimeSpan.FromSeconds(0.05), noiseRms: 0);
        var chunks = await ReadAllAsync(source);
        var all = chunks.SelectMany(c => c.Samples).ToArray();

        Assert.Equal(3200 + 700 + 800, all.Length);
        Assert.Equal(TimeSpan.FromSeconds(4700 / 16000.0), source.Length);
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(512, c.Chunk.Count));
        Assert.Equal(Enumerable.Range(0, chunks.Count).Select(i => (long)i * 512), chunks.Select(c => c.Chunk.FirstSample));
        Assert.Equal(TimeSpan.FromMilliseconds(32 * 3), chunks[3].Chunk.Timestamp);
        Assert.All(all[..1600], s => Assert.Equal(0f, s));
        Assert.Equal(_clip, all[1600..2300]);
        Assert.All(all[2300..3200], s => Assert.Equal(0f, s));
        Assert.Equal(_clip, all[3200..3900]);
        Assert.All(all[3900..], s => Assert.Equal(0f, s));
    }

    [Fact]
    public async Task NoiseFloor_SameSeedSameSamples_AtTheLevelAskedFor()
    {
        using var a = new ScriptedSpeechSource([(TimeSpan.FromSeconds(3), _wav)], TimeSpan.Zero, noiseRms: 0.003, seed: 3);
        using var b = new ScriptedSpeechSource([(TimeSpan.FromSeconds(3), _wav)], TimeSpan.Zero, noiseRms: 0.003, seed: 3);
        var first = (await ReadAllAsync(a)).SelectMany(c => c.Samples).ToArray();
        var second = (await ReadAllAsync(b)).SelectMany(c => c.Samples).ToArray();
        Assert.Equal(first, second);
        double rms = Math.Sqrt(first[..48000].Average(s => (double)s * s));
        Assert.InRange(rms, 0.002, 0.004);
    }

    [Fact]
    public void MissingRecording_NamesTheFile()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new ScriptedSpeechSource([(TimeSpan.Zero, _dir.File("gone.wav"))], TimeSpan.Zero));
        Assert.Contains("gone.wav", e.Message);
    }
}
