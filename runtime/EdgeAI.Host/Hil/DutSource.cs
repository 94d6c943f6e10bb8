using System.Net.Sockets;
using System.Text;

namespace EdgeAI.Host.Hil;

/// <summary>
/// Where a device under test's event stream (v1 JSON lines, docs/events.md) comes from: <c>-</c> (standard input),
/// <c>unix:PATH</c> (a Unix stream socket the device listens on), <c>tcp:HOST:PORT</c>, or a file. Live sources
/// (all but a file) give the events' arrival a meaning, so wall-clock latency bounds can be judged on them.
/// </summary>
public sealed class DutSource : IDisposable
{
    private readonly IDisposable? _owned;

    private DutSource(string name, TextReader reader, bool live, IDisposable? owned)
    {
        Name = name;
        Reader = reader;
        IsLive = live;
        _owned = owned;
    }

    /// <summary>The source as given.</summary>
    public string Name { get; }

    /// <summary>The lines.</summary>
    public TextReader Reader { get; }

    /// <summary>Whether events arrive as the device makes them (not a file read after the fact).</summary>
    public bool IsLive { get; }

    /// <summary>Opens <paramref name="source"/>; <paramref name="standardInput"/> serves <c>-</c>.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="FormatException">a <c>tcp:</c> source without HOST:PORT.</exception>
    /// <exception cref="IOException">nobody listens at the socket.</exception>
    public static DutSource Open(string source, TextReader standardInput)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source == "-") return new DutSource("stdin", standardInput, live: true, owned: null);
        if (source.StartsWith("unix:", StringComparison.Ordinal))
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(source["unix:".Length..]));
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new IOException($"--dut {source}: {e.Message}", e);
            }
            var stream = new NetworkStream(socket, ownsSocket: true);
            return new DutSource(source, new StreamReader(stream, Encoding.UTF8), live: true, stream);
        }
        if (source.StartsWith("tcp:", StringComparison.Ordinal))
        {
            string rest = source["tcp:".Length..];
            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out int port) || port is < 1 or > 65535)
                throw new FormatException($"--dut {source}: expected tcp:HOST:PORT");
            var client = new TcpClient();
            try
            {
                client.Connect(rest[..colon], port);
            }
            catch (SocketException e)
            {
                client.Dispose();
                throw new IOException($"--dut {source}: {e.Message}", e);
            }
            return new DutSource(source, new StreamReader(client.GetStream(), Encoding.UTF8), live: true, client);
        }
        if (!File.Exists(source)) throw new FileNotFoundException($"--dut {source}: no such file (expected -, unix:PATH, tcp:HOST:PORT or an events file)", source);
        var reader = new StreamReader(source, Encoding.UTF8);
        return new DutSource(source, reader, live: false, reader);
    }

    /// <summary>Reads every event until the stream ends; <paramref name="wallMs"/> gives each line's arrival time.</summary>
    /// <exception cref="InvalidDataException">a line that is not a v1 event: the source, the line and what was expected.</exception>
    public List<HilEvent> ReadAll(Func<double> wallMs)
    {
        ArgumentNullException.ThrowIfNull(wallMs);
        var events = new List<HilEvent>();
        int number = 0;
        while (Reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            if (!HilEvent.TryParse(line, wallMs(), out var e, out var problem)) throw new InvalidDataException($"{Name}:{number}: {problem}");
            events.Add(e!);
        }
        return events;
    }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}
