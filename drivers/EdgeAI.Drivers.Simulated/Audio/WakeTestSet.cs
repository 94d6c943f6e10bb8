using EdgeAI.Drivers.Audio;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// The wake phrase's test material, built at test or bench time (nothing recorded is committed): the phrase spoken by
/// espeak-ng in several voices and rates, clean and over generated car noise (<see cref="CarNoise"/>) at several
/// signal-to-noise ratios; the in-car commands, which must not wake; and long mixed speech over car noise for false
/// alarms per hour. Every part is seeded: the same options give the same samples.
/// </summary>
public static class WakeTestSet
{
    /// <summary>In-car commands that are no wake phrase.</summary>
    public static readonly IReadOnlyList<string> Commands =
    [
        "find parking", "navigate to the nearest charging station", "set temperature to twenty one", "what is my range",
        "call home", "how long until the light turns green", "find an italian restaurant", "cancel", "yes", "no",
        "turn on the seat heating", "what can you do", "navigate to alexanderplatz", "find a charger", "play some music",
        "open the window", "how far is the next gas station", "set the fan to level three", "navigate to work",
        "take me home", "find a parking garage near the station", "turn the volume down",
    ];

    /// <summary>The espeak-ng voices wakes are spoken in.</summary>
    public static readonly IReadOnlyList<string> Voices = ["en-us", "en", "en+f3", "en-us+m3", "en-us+f2", "en+m7"];

    // Words the mixed speech is made of: everyday and in-car words, none of them the wake phrase's words; common words
    // that share its sounds (day, say, they, age, head, ready) are in, as in everyday speech.
    private static readonly string[] Vocabulary =
    [
        "the", "a", "to", "and", "of", "in", "is", "it", "you", "that", "we", "for", "on", "with", "this", "at", "from", "they",
        "car", "road", "left", "right", "turn", "lane", "exit", "bridge", "traffic", "light", "green", "red", "stop", "speed",
        "limit", "kilometers", "miles", "minutes", "hour", "station", "parking", "garage", "charger", "battery", "range",
        "weather", "rain", "sunny", "cold", "warm", "window", "seat", "music", "radio", "news", "call", "message", "mother",
        "office", "meeting", "tomorrow", "today", "morning", "evening", "dinner", "coffee", "bakery", "pharmacy", "school",
        "children", "weekend", "holiday", "airport", "train", "ticket", "hotel", "city", "center", "north", "south", "street",
        "avenue", "corner", "highway", "tunnel", "fuel", "price", "cheap", "fast", "slow", "heavy", "long", "short", "near",
        "far", "behind", "ahead", "second", "first", "next", "last", "maybe", "really", "great", "okay", "please", "thanks",
        "listen", "remember", "forget", "open", "close", "start", "finish", "drive", "walk", "wait", "hurry", "late", "early",
        "say", "day", "way", "play", "stay", "head", "bed", "age", "page", "ready", "eight", "okay", "engine", "energy",
    ];

    /// <summary>
    /// The wake phrase in every voice of <paramref name="voices"/> × rate of <paramref name="rates"/> × condition of
    /// <paramref name="snrsDb"/> (null: clean, over digital silence), each with 1 s before and 1.5 s after, over noise
    /// of its condition throughout.
    /// </summary>
    public static (float[] Samples, List<SpokenSpan> Spans) Wakes(string phrase, IReadOnlyList<string> voices, IReadOnlyList<int> rates,
        IReadOnlyList<double?> snrsDb, int seed = 1)
    {
        var parts = new List<(string Text, string Voice, int Rate, float[] Speech)>();
        foreach (var voice in voices)
            foreach (var rate in rates)
                parts.Add((phrase, voice, rate, Talker.Speak(phrase, voice, rate)));
        return Lay(parts, snrsDb, seed);
    }

    /// <summary>The in-car <paramref name="commands"/>, each in the next voice of <paramref name="voices"/> and rate of
    /// 130/160/190 wpm, in every condition of <paramref name="snrsDb"/>.</summary>
    public static (float[] Samples, List<SpokenSpan> Spans) SpokenCommands(IReadOnlyList<string> commands, IReadOnlyList<string> voices,
        IReadOnlyList<double?> snrsDb, int seed = 2)
    {
        int[] rates = [130, 160, 190];
        var parts = new List<(string, string, int, float[])>();
        for (int i = 0; i < commands.Count; i++)
        {
            string voice = voices[i % voices.Count];
            int rate = rates[i % rates.Length];
            parts.Add((commands[i], voice, rate, Talker.Speak(commands[i], voice, rate)));
        }
        return Lay(parts, snrsDb, seed);
    }

    private static (float[], List<SpokenSpan>) Lay(List<(string Text, string Voice, int Rate, float[] Speech)> parts, IReadOnlyList<double?> snrsDb, int seed)
    {
        var samples = new List<float>();
        var spans = new List<SpokenSpan>();
        int before = CarNoise.SampleRate, after = CarNoise.SampleRate * 3 / 2;
        int n = 0;
        foreach (var snr in snrsDb)
            foreach (var (text, voice, rate, speech) in parts)
            {
                int first = 0, last = speech.Length - 1;
                while (first < speech.Length && Math.Abs(speech[first]) < 1e-3f) first++;
                while (last > first && Math.Abs(speech[last]) < 1e-3f) last--;
                var piece = new float[before + (last + 1 - first) + after];
                speech.AsSpan(first, last + 1 - first).CopyTo(piece.AsSpan(before));
                if (snr is { } db)
                {
                    double gain = CarNoise.ActiveRms(speech) / Math.Pow(10, db / 20);
                    var noise = new CarNoise(seed * 1000 + n, rms: gain);
                    var bed = noise.Next((double)piece.Length / CarNoise.SampleRate);
                    for (int i = 0; i < piece.Length; i++) piece[i] += bed[i];
                }
                spans.Add(new SpokenSpan(samples.Count + before, samples.Count + before + last + 1 - first, text, voice, rate, snr));
                samples.AddRange(piece);
                n++;
            }
        return ([.. samples], spans);
    }

    /// <summary>
    /// Random sentences of the built-in vocabulary (never the wake phrase's words <paramref name="excluded"/>), spoken in
    /// <paramref name="voices"/> at 130-190 wpm, about <paramref name="secondsPerVoice"/> each, cut into pieces at their
    /// pauses: the distinct material that <see cref="WriteMixedSpeech"/> arranges into an hour.
    /// </summary>
    public static List<float[]> SpeechMaterial(IReadOnlyList<string> voices, double secondsPerVoice, IReadOnlyCollection<string> excluded, int seed = 3)
    {
        var random = new Random(seed);
        var words = Vocabulary.Where(w => !excluded.Contains(w)).ToArray();
        var pieces = new List<float[]>();
        int[] rates = [130, 145, 160, 175, 190];
        for (int v = 0; v < voices.Count; v++)
        {
            // about 2.6 words per second at 160 wpm plus the pauses between sentences
            int wordCount = (int)(secondsPerVoice * 2.3);
            var text = new System.Text.StringBuilder();
            while (wordCount > 0)
            {
                int length = random.Next(3, 12);
                for (int i = 0; i < length; i++) text.Append(words[random.Next(words.Length)]).Append(i == length - 1 ? ". " : " ");
                wordCount -= length;
            }
            var speech = Talker.Speak(text.ToString(), voices[v], rates[v % rates.Length]);
            pieces.AddRange(CutAtPauses(speech, minPauseSamples: CarNoise.SampleRate / 5));
        }
        return pieces;
    }

    /// <summary>Cuts speech at pauses (runs of at least <paramref name="minPauseSamples"/> below -50 dBFS).</summary>
    public static IEnumerable<float[]> CutAtPauses(float[] speech, int minPauseSamples)
    {
        int start = -1, quiet = 0;
        for (int i = 0; i < speech.Length; i++)
        {
            bool loud = Math.Abs(speech[i]) >= 3e-3f;
            if (loud)
            {
                if (start < 0) start = i;
                quiet = 0;
            }
            else if (start >= 0 && ++quiet >= minPauseSamples)
            {
                yield return speech[start..(i - quiet + 1)];
                start = -1;
                quiet = 0;
            }
        }
        if (start >= 0) yield return speech[start..];
    }

    /// <summary>
    /// Writes <paramref name="seconds"/> of mixed speech and car noise to a 16-bit WAV: the <paramref name="material"/>'s
    /// pieces in seeded random order, each at a random gain (±6 dB), separated by 0.2-2.5 s, sometimes by 5-30 s of noise
    /// alone, over continuous car noise whose level moves between 5 and 25 dB below the speech. An hour is made of a few
    /// minutes of distinct speech heard in ever other order, levels and noise.
    /// </summary>
    /// <returns>The seconds of speech in it.</returns>
    public static double WriteMixedSpeech(string path, double seconds, IReadOnlyList<float[]> material, int seed = 4)
    {
        ArgumentOutOfRangeException.ThrowIfZero(material.Count);
        var random = new Random(seed);
        double speechRms = 0;
        foreach (var p in material) speechRms += CarNoise.ActiveRms(p);
        speechRms /= material.Count;
        var noise = new CarNoise(seed, rms: 1);
        using var sink = new EdgeAI.Drivers.Audio.Wav.WavFileSink(path);
        long total = (long)(seconds * CarNoise.SampleRate), written = 0, speechSamples = 0;
        var block = new float[CarNoise.SampleRate];
        double noiseLevel = speechRms / Math.Pow(10, 15 / 20.0);
        while (written < total)
        {
            // a gap of noise
            double gap = random.NextDouble() < 0.05 ? 5 + random.NextDouble() * 25 : 0.2 + random.NextDouble() * 2.3;
            int gapSamples = (int)Math.Min(gap * CarNoise.SampleRate, total - written);
            for (int at = 0; at < gapSamples; at += block.Length)
            {
                var part = block.AsSpan(0, Math.Min(block.Length, gapSamples - at));
                noise.Fill(part);
                for (int i = 0; i < part.Length; i++) part[i] *= (float)noiseLevel;
                sink.Write(part);
            }
            written += gapSamples;
            if (written >= total) break;
            // a piece of speech at its own level, the noise moving to a new level under it
            var piece = material[random.Next(material.Count)];
            double gain = Math.Pow(10, (random.NextDouble() * 12 - 6) / 20);
            noiseLevel = speechRms * gain / Math.Pow(10, (5 + random.NextDouble() * 20) / 20);
            int length = (int)Math.Min(piece.Length, total - written);
            var mixed = new float[length];
            noise.Fill(mixed);
            for (int i = 0; i < length; i++) mixed[i] = (float)(mixed[i] * noiseLevel + piece[i] * gain);
            sink.Write(mixed);
            written += length;
            speechSamples += length;
        }
        sink.Complete();
        return (double)speechSamples / CarNoise.SampleRate;
    }
}
