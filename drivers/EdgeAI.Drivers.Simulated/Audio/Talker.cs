using System.Diagnostics;
using EdgeAI.Drivers.Audio;

namespace EdgeAI.Drivers.Simulated;

/// <summary>A synthetic talker: espeak-ng speaking text in a voice and at a rate, read back at 16 kHz mono through the
/// real WAV reader and resampler (espeak-ng writes 22.05 kHz to stdout).</summary>
public static class Talker
{
    /// <summary>The program spoken through.</summary>
    public const string Program = "espeak-ng";

    /// <summary>Null when espeak-ng can be started; otherwise why not (with the package to install).</summary>
    public static string? MissingReason()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, Program))) return null;
        return $"{Program} is not installed (apt-get install espeak-ng)";
    }

    /// <summary><paramref name="text"/> spoken with <paramref name="voice"/> (e.g. <c>en-us</c>, <c>en+f3</c>) at
    /// <paramref name="wordsPerMinute"/>, 16 kHz mono in [-1, 1].</summary>
    /// <exception cref="InvalidOperationException">espeak-ng failed (its message).</exception>
    public static float[] Speak(string text, string voice = "en-us", int wordsPerMinute = 160)
    {
        // a file, not --stdout: espeak-ng's streamed header announces 0x7FFFF000 data bytes, which a strict reader refuses
        string wav = Path.Combine(Path.GetTempPath(), $"edgeai-talker-{Environment.ProcessId}-{Guid.NewGuid():N}.wav");
        try
        {
            var info = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var arg in (string[])["-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav])
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Program} did not start");
            var error = process.StandardError.ReadToEndAsync();
            // the text goes on stdin, so any length and any characters are safe
            process.StandardInput.Write(text);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(wav))
                throw new InvalidOperationException($"{Program} -v {voice} exited {process.ExitCode}: {error.Result.Trim()}");
            return AudioFileSource.ReadAll(wav);
        }
        finally
        {
            File.Delete(wav);
        }
    }
}
