using System.Runtime.InteropServices;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Tests.Recognition;

/// <summary>What the pocketsphinx tests need, or a skip naming the Debian package (./test.sh installs them).</summary>
internal static class Sphinx
{
    public const string TestData = "/usr/share/pocketsphinx/test/data";

    /// <summary>Skips unless libpocketsphinx3 and pocketsphinx-en-us are installed.</summary>
    public static void RequireModel()
    {
        if (!NativeLibrary.TryLoad("libpocketsphinx.so.3", out nint lib))
            throw Xunit.Sdk.SkipException.ForSkip("libpocketsphinx.so.3 is missing: apt-get install libpocketsphinx3");
        NativeLibrary.Free(lib);
        if (!File.Exists(Path.Combine(PocketsphinxModel.EnUs.AcousticModel, "mdef")))
            throw Xunit.Sdk.SkipException.ForSkip($"{PocketsphinxModel.EnUsFolder} is missing: apt-get install pocketsphinx-en-us");
    }

    /// <summary>Skips unless pocketsphinx-testdata's recordings are installed.</summary>
    public static void RequireTestData()
    {
        RequireModel();
        if (!Directory.Exists(TestData))
            throw Xunit.Sdk.SkipException.ForSkip($"{TestData} is missing: apt-get install pocketsphinx-testdata");
    }

    /// <summary>A headerless s16le 16 kHz recording.</summary>
    public static short[] ReadRaw(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return MemoryMarshal.Cast<byte, short>(bytes).ToArray();
    }
}
