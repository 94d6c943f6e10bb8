using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.DriveGen;

/// <summary>One periodic message: its schedule, counter, end-to-end checksum and the values it encodes.</summary>
internal sealed class MessageSender
{
    private readonly MessageDecoder _decoder;
    private readonly double[] _values;
    private readonly long _periodNs;
    private readonly int _counter;
    private readonly int _checksum;
    private readonly int _page;
    private readonly E2EChecker? _protection;
    private long _nominalNs;
    private int _sequence;

    public MessageSender(MessageDecoder decoder, Random random)
    {
        _decoder = decoder;
        _values = new double[decoder.SignalCount];
        _periodNs = decoder.Message.CycleTimeMs!.Value * 1_000_000L;
        _nominalNs = (long)(random.NextDouble() * _periodNs) / 1000 * 1000;
        NextNs = _nominalNs;
        _counter = IndexEndingWith("_Counter");
        _page = decoder.IndexOf("CellPage");
        if (DemoProtection.ByMessage.TryGetValue(decoder.Message.Name, out var spec))
        {
            _protection = new E2EChecker(decoder, spec);
            _counter = decoder.IndexOf(spec.CounterSignal ?? "");
            _checksum = decoder.IndexOf(spec.ChecksumSignal);
        }
        else
        {
            _checksum = -1;
            int unprotected = IndexEndingWith("_Checksum");
            if (unprotected >= 0)
                throw new InvalidOperationException($"{decoder.Message.Name}.{decoder.Message.Signals[unprotected].Name} has no entry in DemoProtection");
        }
    }

    public long NextNs { get; private set; }

    public CanFrame Send(VehicleState state, long startNs, Random random)
    {
        var signals = _decoder.Message.Signals;
        for (int i = 0; i < _values.Length; i++)
            _values[i] = SignalSources.ByName.TryGetValue(signals[i].Name, out var source) ? source(state) : 0;
        // Profile 1 counters run 0..14; the others use the whole 4 bits.
        if (_counter >= 0) _values[_counter] = _protection is { CounterModulus: > 0 } ? _sequence % _protection.CounterModulus : _sequence & 0xF;
        if (_page >= 0) FillCellPage(state, _sequence & 7);
        long timestamp = startNs + NextNs;
        var frame = _decoder.EncodeFrame(_values, timestamp);
        if (_protection is not null)
        {
            _values[_checksum] = _protection.ComputeChecksum(frame.Data);
            frame = _decoder.EncodeFrame(_values, timestamp);
        }
        _sequence++;
        // Real ECUs send a little early or late; now and then a frame is held up behind others.
        _nominalNs += _periodNs;
        double jitterNs = Gaussian(random) * 0.002 * _periodNs + (random.Next(200) == 0 ? random.Next(500_000, 3_000_000) : 0);
        NextNs = Math.Max(NextNs + 1000, (_nominalNs + (long)jitterNs) / 1000 * 1000);
        return frame;
    }

    private void FillCellPage(VehicleState state, int page)
    {
        _values[_page] = page;
        for (int cell = 0; cell < 3; cell++)
        {
            int index = _decoder.IndexOf($"CellVoltage{page * 3 + cell + 1:D2}");
            if (index >= 0) _values[index] = state.CellVoltages[page * 3 + cell];
        }
        int temperature = _decoder.IndexOf($"ModuleTemperature{page + 1}");
        if (temperature >= 0) _values[temperature] = state.BatteryTempC + page * 0.5;
    }

    private int IndexEndingWith(string suffix)
    {
        var signals = _decoder.Message.Signals;
        for (int i = 0; i < signals.Count; i++)
            if (signals[i].Name.EndsWith(suffix, StringComparison.Ordinal)) return i;
        return -1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
