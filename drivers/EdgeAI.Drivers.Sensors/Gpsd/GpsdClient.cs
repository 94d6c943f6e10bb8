using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Sensors.Gpsd;

/// <summary>
/// GPS fixes from a gpsd daemon over TCP (default <c>127.0.0.1:2947</c>): sends
/// <c>?WATCH={"enable":true,"json":true}</c> and turns TPV reports into <see cref="GpsFix"/> values, carrying HDOP and
/// satellites used from the latest SKY report. A line that is not a JSON object is counted and skipped.
/// </summary>
public sealed class GpsdClient : IGpsSource
{
    private const int MaxLine = 64 * 1024;
    private static ReadOnlySpan<byte> Watch => "?WATCH={\"enable\":true,\"json\":true}\n"u8;

    private readonly string _host;
    private readonly int _port;
    private readonly GpsdReportParser _parser;
    private TcpClient? _client;
    private long _read, _skipped;

    /// <summary>Connects to gpsd at <paramref name="host"/>:<paramref name="port"/> when reading starts.</summary>
    public GpsdClient(string host = "127.0.0.1", int port = 2947, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        _host = host;
        _port = port;
        _parser = new GpsdReportParser(time ?? TimeProvider.System);
        Name = $"gpsd://{host}:{port}";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>JSON reports read (VERSION, DEVICES, WATCH, TPV, SKY, ...), good and bad.</summary>
    public long SentencesRead => Interlocked.Read(ref _read);

    /// <inheritdoc />
    public long SentencesSkipped => Interlocked.Read(ref _skipped);

    /// <summary>The message of the last ERROR report gpsd sent, null when none came.</summary>
    public string? LastGpsdError => _parser.LastError;

    /// <inheritdoc />
    /// <exception cref="IOException">gpsd is not reachable (one line naming the host and port).</exception>
    public async IAsyncEnumerable<GpsFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var client = new TcpClient { NoDelay = true };
        _client = client;
        try
        {
            await client.ConnectAsync(_host, _port, cancellation).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw new IOException($"{Name}: cannot connect to gpsd ({e.SocketErrorCode}); is gpsd running and listening there?", e);
        }
        var stream = client.GetStream();
        await stream.WriteAsync(Watch.ToArray(), cancellation).ConfigureAwait(false);
        await foreach (var fix in ReadReportsAsync(stream, cancellation).ConfigureAwait(false))
            yield return fix;
    }

    /// <summary>Reads gpsd reports from any stream (a socket, or a recorded <c>gpspipe -w</c> file).</summary>
    internal async IAsyncEnumerable<GpsFix> ReadReportsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var fixes = new GpsFix[8];
        try
        {
            var filled = 0;
            var discarding = false;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxLine)
                    {
                        // a line longer than any gpsd report: count it and drop up to the next newline
                        Interlocked.Increment(ref _read);
                        Interlocked.Increment(ref _skipped);
                        filled = 0;
                        discarding = true;
                    }
                    else
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellation).ConfigureAwait(false);
                if (read == 0)
                {
                    // a recorded file may end without a newline: its last report still counts
                    if (filled > 0 && !discarding && filled < buffer.Length)
                    {
                        buffer[filled++] = (byte)'\n';
                        var tail = ProcessLines(buffer, ref filled, ref discarding, ref fixes);
                        for (var i = 0; i < tail; i++)
                            yield return fixes[i];
                    }
                    break;
                }
                filled += read;
                var count = ProcessLines(buffer, ref filled, ref discarding, ref fixes);
                for (var i = 0; i < count; i++)
                    yield return fixes[i];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int ProcessLines(byte[] buffer, ref int filled, ref bool discarding, ref GpsFix[] fixes)
    {
        var count = 0;
        var start = 0;
        var data = buffer.AsSpan(0, filled);
        int nl;
        while ((nl = data[start..].IndexOf((byte)'\n')) >= 0)
        {
            var line = data.Slice(start, nl).TrimEnd("\r "u8);
            start += nl + 1;
            if (discarding)
            {
                discarding = false;
                continue;
            }
            if (line.IsEmpty) continue;
            Interlocked.Increment(ref _read);
            bool isFix;
            GpsFix fix;
            try
            {
                isFix = _parser.TryParse(line, out fix);
            }
            catch (JsonException)
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }
            if (!isFix) continue;
            if (count == fixes.Length) Array.Resize(ref fixes, count * 2);
            fixes[count++] = fix;
        }
        data[start..].CopyTo(buffer);
        filled -= start;
        return count;
    }

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();
}
