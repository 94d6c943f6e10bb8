using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.DriveGen.TeslaModel3;

/// <summary>One periodic Tesla message: its schedule, rolling counter, Tesla checksum and multiplexer page.</summary>
internal sealed class TeslaMessageSender
{
    private readonly MessageDecoder _decoder;
    private readonly double[] _values;
    private readonly long _periodNs;
    private readonly int _counter, _checksum, _page;
    private long _nominalNs;
    private int _sequence;

    public TeslaMessageSender(MessageDecoder decoder, int periodMs, Random random)
    {
        _decoder = decoder;
        _values = new double[decoder.SignalCount];
        _periodNs = periodMs * 1_000_000L;
        _nominalNs = (long)(random.NextDouble() * _periodNs) / 1000 * 1000;
        NextNs = _nominalNs;
        var signals = decoder.Message.Signals;
        _counter = _checksum = _page = -1;
        for (int i = 0; i < signals.Count; i++)
        {
            if (signals[i].Name.EndsWith("Counter", StringComparison.Ordinal)) _counter = i;
            else if (signals[i].Name.EndsWith("Checksum", StringComparison.Ordinal)) _checksum = i;
            else if (signals[i].IsMultiplexor) _page = i;
        }
    }

    /// <summary>When the next frame goes out (ns after the recording's start).</summary>
    public long NextNs { get; private set; }

    public CanFrame Send(TeslaState state, long startNs, Random random)
    {
        var signals = _decoder.Message.Signals;
        for (int i = 0; i < _values.Length; i++)
            _values[i] = TeslaSignalSources.ByName.TryGetValue(signals[i].Name, out var source) ? source(state) : 0;
        if (_counter >= 0) _values[_counter] = _sequence & 0xF;
        if (_page >= 0) _values[_page] = _sequence & 1;
        long timestamp = startNs + NextNs;
        var frame = _decoder.EncodeFrame(_values, timestamp);
        if (_checksum >= 0)
        {
            _values[_checksum] = TeslaChecksum(frame, signals[_checksum].StartBit / 8);
            frame = _decoder.EncodeFrame(_values, timestamp);
        }
        _sequence++;
        // ECUs send a little early or late; now and then a frame is held up behind others.
        _nominalNs += _periodNs;
        double jitterNs = Gaussian(random) * 0.002 * _periodNs + (random.Next(500) == 0 ? random.Next(300_000, 2_000_000) : 0);
        NextNs = Math.Max(NextNs + 1000, (_nominalNs + (long)jitterNs) / 1000 * 1000);
        return frame;
    }

    /// <summary>Tesla's checksum (as opendbc computes it): the id's two bytes plus every payload byte but the
    /// checksum's own, modulo 256.</summary>
    private static int TeslaChecksum(in CanFrame frame, int checksumByte)
    {
        int sum = (int)(frame.Id & 0xFF) + (int)((frame.Id >> 8) & 0xFF);
        var data = frame.Data;
        for (int i = 0; i < data.Length; i++)
            if (i != checksumByte) sum += data[i];
        return sum & 0xFF;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
