using System.Buffers.Binary;
using EdgeAI.Drivers.Audio.Pcm;
using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Audio.Tests;

/// <summary>
/// Truncated, corrupt and unsupported audio gets one line naming the file, the byte offset and what was expected
/// there (an <see cref="AudioFormatException"/>, a FormatException, which edgeai turns into exit code 2). The file is
/// a canonical 16-bit mono WAV of 1000 samples: header 0-43 (RIFF 0-11, fmt 12-35, data header 36-43), samples 44-2043.
/// </summary>
public sealed class WavErrorTests : IDisposable
{
    private const string Riff = "a RIFF/WAVE header (12 bytes: 'RIFF', size, 'WAVE')";
    private readonly TempDirectory _dir = new();
    private readonly byte[] _wav;

    public WavErrorTests()
    {
        string path = _dir.File("good.wav");
        WavFileSink.WriteAll(path, Tone.Sine(440, 16000, 1000 / 16000.0));
        _wav = File.ReadAllBytes(path);
        Assert.Equal(2044, _wav.Length);
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int, string> Truncations => new()
    {
        { 0, $"byte 0: the end of the file (truncated mid-header); expected {Riff}" },
        { 7, $"byte 7: the end of the file after 7 of these 12 bytes (truncated mid-header); expected {Riff}" },
        { 12, "byte 12: the end of the file (truncated mid-header); expected a chunk header (8 bytes: id, size) on the way to the 'fmt ' chunk" },
        { 16, "byte 16: the end of the file after 4 of these 8 bytes (truncated mid-header); expected a chunk header (8 bytes: id, size) on the way to the 'fmt ' chunk" },
        { 30, "byte 30: the end of the file after 10 of these 16 bytes (truncated mid-header); expected a 'fmt ' chunk of 16 bytes" },
        { 36, "byte 36: the end of the file (truncated mid-header); expected a chunk header (8 bytes: id, size) on the way to the 'data' chunk" },
        { 41, "byte 41: the end of the file after 5 of these 8 bytes (truncated mid-header); expected a chunk header (8 bytes: id, size) on the way to the 'data' chunk" },
        { 44, "byte 44: the file ends (truncated mid-data) 0 bytes into a 'data' chunk that announces 2000; expected 2000 more bytes of s16le 1 ch 16000 Hz" },
        { 1045, "byte 1045: the file ends (truncated mid-data) 1001 bytes into a 'data' chunk that announces 2000; expected 999 more bytes of s16le 1 ch 16000 Hz" },
        { 2043, "byte 2043: the file ends (truncated mid-data) 1999 bytes into a 'data' chunk that announces 2000; expected 1 more bytes of s16le 1 ch 16000 Hz" },
    };

    [Theory]
    [MemberData(nameof(Truncations))]
    public void OpenWav_TruncatedFile_OneLineNamingFileOffsetAndExpectation(int length, string message)
    {
        string path = Write($"cut{length}.wav", _wav[..length]);
        var e = Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path));
        Assert.Equal($"{path}: {message}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.SourceName);
        Assert.Equal(int.Parse(message[5..message.IndexOf(':')]), e.Offset);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Theory]
    [InlineData(1045, "-: byte 1045: the input ends (truncated mid-data) after 1001 of the 2000 sample bytes the 'data' chunk announces; expected 999 more bytes of s16le 1 ch 16000 Hz")]
    [InlineData(1044, "-: byte 1044: the input ends (truncated mid-data) after 1000 of the 2000 sample bytes the 'data' chunk announces; expected 1000 more bytes of s16le 1 ch 16000 Hz")]
    public void Read_TruncatedWavFromAPipe_ThrowsWhenTheDataEnds(int length, string message)
    {
        // A pipe has no length to check at open: the samples before the cut are delivered, then the error.
        using var source = AudioFileSource.OpenWav(new TricklingStream(_wav[..length], 300), "-");
        var buffer = new float[512];
        long delivered = 0;
        var e = Assert.Throws<AudioFormatException>(() =>
        {
            while (source.Read(buffer) is { IsEnd: false } chunk) delivered += chunk.Count;
        });
        Assert.Equal(message, e.Message);
        Assert.True(delivered <= (length - 44) / 2);
    }

    [Fact]
    public void OpenRaw_StreamEndingInsideASample_NamesTheByte()
    {
        using var source = AudioFileSource.OpenRaw(new TricklingStream(new byte[2001], 64), "-", new PcmFormat(SampleFormat.Signed16, 1, 16000));
        var e = Assert.Throws<AudioFormatException>(() => source.ReadToEnd());
        Assert.Equal("-: byte 2001: the input ends inside a frame (1 of its 2 bytes; truncated mid-sample); expected whole frames of s16le 1 ch 16000 Hz", e.Message);
    }

    [Theory]
    [InlineData(0x0055, "byte 20: format tag 0x0055 (MP3); expected PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE)")]
    [InlineData(0x0007, "byte 20: format tag 0x0007 (mu-law); expected PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE)")]
    [InlineData(0x1234, "byte 20: format tag 0x1234; expected PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE)")]
    public void OpenWav_UnknownFormatTag_IsRefusedNamingTheTag(int tag, string message)
    {
        var bytes = (byte[])_wav.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), (ushort)tag);
        string path = Write("tag.wav", bytes);
        Assert.Equal($"{path}: {message}", Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path)).Message);
    }

    [Theory]
    [InlineData(22, 0, "byte 22: 0 channels; expected 1 or more")]
    [InlineData(24, 0, "byte 24: a sample rate of 0 Hz; expected 1 to 1000000 Hz")]
    [InlineData(34, 12, "byte 34: 12 bits per PCM sample; expected 8, 16, 24 or 32")]
    [InlineData(32, 4, "byte 32: a block align of 4 bytes; expected 1 channels x 2 bytes = 2")]
    public void OpenWav_ImpossibleFmtField_NamesTheField(int offset, int value, string message)
    {
        var bytes = (byte[])_wav.Clone();
        if (offset == 24) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), (uint)value);
        else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)value);
        string path = Write("field.wav", bytes);
        Assert.Equal($"{path}: {message}", Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path)).Message);
    }

    [Fact]
    public void OpenWav_NotAWav_SaysWhatItFound()
    {
        var bytes = (byte[])_wav.Clone();
        "OggS"u8.CopyTo(bytes);
        string path = Write("ogg.wav", bytes);
        Assert.Equal($"{path}: byte 0: 'OggS'; expected 'RIFF' (a WAV file)", Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path)).Message);
        "RIFF"u8.CopyTo(bytes);
        "AVI "u8.CopyTo(bytes.AsSpan(8));
        Assert.Equal($"{path}: byte 8: 'AVI '; expected 'WAVE' (a RIFF file holding audio)",
            Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(Write("ogg.wav", bytes))).Message);
    }

    [Fact]
    public void OpenWav_DataBeforeFmt_IsRefused()
    {
        byte[] bytes = [.. _wav[..12], .. "data"u8, 0, 0, 0, 0, .. _wav[12..36]];
        string path = Write("order.wav", bytes);
        Assert.Equal($"{path}: byte 12: a 'data' chunk before any 'fmt ' chunk; expected 'fmt ' first (the sample format)",
            Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path)).Message);
    }

    [Fact]
    public void OpenWav_ExtensibleWithForeignSubFormat_IsRefused()
    {
        SoxTool.Require("ffmpeg", "ffmpeg");
        string path = _dir.File("ext.wav");
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=440:duration=0.1:sample_rate=16000", "-ac", "2", "-c:a", "pcm_s24le", path]);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(WavHeader.TagExtensible, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));
        // The sub-format GUID starts 24 bytes into the fmt body (byte 44): make it A-law's.
        bytes[44] = 6;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<AudioFormatException>(() => AudioFileSource.OpenWav(path));
        Assert.Equal($"{path}: byte 44: sub-format 00000006-0000-0010-8000-00aa00389b71; expected KSDATAFORMAT_SUBTYPE_PCM or KSDATAFORMAT_SUBTYPE_IEEE_FLOAT", e.Message);
    }

    [Fact]
    public void OpenWav_MissingFile_NamesIt()
    {
        string path = _dir.File("none.wav");
        Assert.Equal($"{path}: no such audio file", Assert.Throws<FileNotFoundException>(() => AudioFileSource.OpenWav(path)).Message);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
