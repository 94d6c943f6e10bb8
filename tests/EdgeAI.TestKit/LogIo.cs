using EdgeAI.Can;
using System.Text;
using EdgeAI.Can.Logs;

namespace EdgeAI.TestKit;

/// <summary>Reads and writes whole logs with EdgeAI's readers and writers, for tests.</summary>
public static class LogIo
{
    public static LogContent ReadText(string text, CanLogFormat format, CanLogReadOptions? options = null, string name = "test") =>
        Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, name, options);

    public static LogContent ReadBytes(byte[] bytes, CanLogFormat format, CanLogReadOptions? options = null, string name = "test") =>
        Read(new MemoryStream(bytes), format, name, options);

    public static LogContent ReadFile(string path, CanLogReadOptions? options = null)
    {
        using var reader = CanLogFiles.OpenReader(path, options);
        return Drain(reader);
    }

    public static string WriteText(IEnumerable<CanFrame> frames, CanLogFormat format, CanLogWriteOptions? options = null) =>
        Encoding.UTF8.GetString(WriteBytes(frames, format, options, out _));

    public static byte[] WriteBytes(IEnumerable<CanFrame> frames, CanLogFormat format, CanLogWriteOptions? options, out IReadOnlyDictionary<string, long> losses)
    {
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, format, "out", options))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
            losses = new Dictionary<string, long>(writer.Losses);
        }
        return stream.ToArray();
    }

    public static IReadOnlyDictionary<string, long> WriteFile(string path, IEnumerable<CanFrame> frames, CanLogWriteOptions? options = null)
    {
        using var writer = CanLogFiles.CreateWriter(path, options);
        foreach (var frame in frames) writer.Write(frame);
        writer.Complete();
        return new Dictionary<string, long>(writer.Losses);
    }

    private static LogContent Read(Stream stream, CanLogFormat format, string name, CanLogReadOptions? options)
    {
        using var reader = CanLogFiles.OpenReader(stream, format, name, options);
        return Drain(reader);
    }

    private static LogContent Drain(ICanLogReader reader)
    {
        var frames = new List<CanFrame>();
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return new LogContent(frames, reader.Channels, reader.SkippedRecords, reader.BadRecords);
    }
}
