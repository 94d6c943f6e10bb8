using System.Text;

namespace EdgeAI.Cli.Output;

/// <summary>
/// Byte output for commands that write a lot (JSON lines): the process's stdout stream when the command
/// writes to the console, or a UTF-8 bridge into the given writer (tests capture output this way).
/// </summary>
internal static class OutputStream
{
    public static Stream For(TextWriter writer)
    {
        if (ReferenceEquals(writer, Console.Out))
        {
            Console.Out.Flush();
            return new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        }
        return new TextWriterStream(writer);
    }

    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private char[] _chars = new char[4096];

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
            int n = _decoder.GetChars(buffer, _chars, flush: false);
            writer.Write(_chars, 0, n);
        }

        public override void Flush() => writer.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
