using System.Diagnostics;
using System.Globalization;
using EdgeAI.Drivers.Audio;
using EdgeAI.TestKit;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Recognition;

namespace EdgeAI.Voice.Tests.Recognition;

/// <summary>
/// 30 in-car commands spoken by espeak-ng in three voices at two rates (180 utterances), written as WAV files and
/// read back through the real reader and resampler (espeak-ng's 22.05 kHz to 16 kHz), recognized in grammar mode
/// over the demo region's names, parsed: every one must give its exact intent and slots.
/// </summary>
public sealed class SpokenCommandTests
{
    public static readonly string[] Voices = ["en-us", "en", "en-us+f2"];
    public static readonly int[] Rates = [140, 180];

    /// <summary>What is said (names written as on the map), the intent and its slots.</summary>
    public static readonly (string Text, string Intent, string Slots)[] Commands =
    [
        ("navigate to Trattoria Schneckenburgerstraße", IntentNames.Navigate, "poi=trattoria schneckenburgerstraße"),
        ("take me to Parkhaus Rudower Chaussee", IntentNames.Navigate, "poi=parkhaus rudower chaussee"),
        ("drive to Ladepark Ernst-Ruska-Ufer", IntentNames.Navigate, "poi=ladepark ernst-ruska-ufer"),
        ("go to Kneipe Albert-Einstein-Straße", IntentNames.Navigate, "poi=kneipe albert-einstein-straße"),
        ("navigate to Tiefgarage Magnusstraße", IntentNames.Navigate, "poi=tiefgarage magnusstraße"),
        ("take me to Taverna Kekuléstraße", IntentNames.Navigate, "poi=taverna kekuléstraße"),
        ("navigate to Parkplatz Rumplerzeile", IntentNames.Navigate, "poi=parkplatz rumplerzeile"),
        ("go to Pho Adlergestell", IntentNames.Navigate, "poi=pho adlergestell"),
        ("navigate to the nearest charger", IntentNames.Navigate, "category=charger"),
        ("take me to the nearest cafe", IntentNames.Navigate, "category=cafe"),
        ("find parking", IntentNames.FindParking, ""),
        ("where can I park", IntentNames.FindParking, ""),
        ("find a charging station", IntentNames.FindCharger, ""),
        ("where is the nearest charger", IntentNames.FindCharger, ""),
        ("find an Italian restaurant", IntentNames.FindRestaurant, "cuisine=italian"),
        ("find a Greek restaurant", IntentNames.FindRestaurant, "cuisine=greek"),
        ("I want to eat Vietnamese food", IntentNames.FindRestaurant, "cuisine=vietnamese"),
        ("where can I eat", IntentNames.FindRestaurant, ""),
        ("when will the light turn green", IntentNames.TimeToGreen, ""),
        ("how long until green", IntentNames.TimeToGreen, ""),
        ("set the temperature to twenty one degrees", IntentNames.SetTemperature, "celsius=21"),
        ("set temperature to eighteen", IntentNames.SetTemperature, "celsius=18"),
        ("make it twenty four degrees", IntentNames.SetTemperature, "celsius=24"),
        ("what is my range", IntentNames.Range, ""),
        ("how far can I drive", IntentNames.Range, ""),
        ("call Anna", IntentNames.Call, "contact=anna"),
        ("cancel", IntentNames.Cancel, ""),
        ("yes please", IntentNames.Yes, ""),
        ("no thanks", IntentNames.No, ""),
        ("what can you do", IntentNames.Help, ""),
    ];

    [Fact]
    public void Commands_ThreeVoicesTwoRates_GiveTheirExactIntentAndSlots()
    {
        Sphinx.RequireModel();
        SpokenScene.RequireEspeak();
        var vocabulary = DemoRegionNames.BestVocabulary;
        var parser = new IntentParser(vocabulary);
        using var recognizer = PocketsphinxRecognizer.ForCommands(vocabulary);
        using var dir = new TempDirectory();
        var failures = new List<string>();
        int total = 0, exact = 0;
        double audioSeconds = 0, decodeSeconds = 0, minConfidence = 1;
        var clock = new Stopwatch();
        foreach (string voice in Voices)
            foreach (int rate in Rates)
                for (int c = 0; c < Commands.Length; c++)
                {
                    var (text, intent, slots) = Commands[c];
                    string wav = dir.File($"{c:D2}-{voice}-{rate}.wav");
                    ExternalTool.Run("espeak-ng", ["-v", voice, "-s", rate.ToString(CultureInfo.InvariantCulture), "-w", wav, text]);
                    float[] audio = AudioFileSource.ReadAll(wav);
                    clock.Restart();
                    recognizer.Begin();
                    for (int at = 0; at < audio.Length; at += 512) recognizer.Accept(audio.AsSpan(at, Math.Min(512, audio.Length - at)));
                    var transcript = recognizer.End();
                    var result = parser.Parse(transcript.Text);
                    clock.Stop();
                    decodeSeconds += clock.Elapsed.TotalSeconds;
                    audioSeconds += audio.Length / 16000.0;
                    total++;
                    string got = string.Join(';', result.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));
                    if (result.Name == intent && got == slots)
                    {
                        exact++;
                        minConfidence = Math.Min(minConfidence, transcript.Confidence);
                    }
                    else
                        failures.Add($"{voice} {rate} wpm \"{text}\": heard \"{recognizer.LastHypothesis.Text}\" (p {recognizer.LastHypothesis.Posterior:F2}) -> {result.Name} {got}");
                }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{exact}/{total} exact intent and slots; real-time factor {decodeSeconds / audioSeconds:F4} ({decodeSeconds:F2} s for {audioSeconds:F1} s of audio); lowest confidence of a correct one {minConfidence:F3}"));
        foreach (string f in failures) TestContext.Current.TestOutputHelper?.WriteLine(f);
        Assert.True(exact == total, $"{exact}/{total} exact; failures:\n{string.Join('\n', failures)}");
    }
}
