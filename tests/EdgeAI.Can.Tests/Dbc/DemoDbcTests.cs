using EdgeAI.Can.Dbc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Dbc;

/// <summary>models/dbc/edgeai_demo.dbc: the bundled EV bus the demo and the replay tests decode.</summary>
public class DemoDbcTests
{
    private static readonly DbcFile Demo = DbcFile.Load(RepoPaths.DemoDbc);

    [Fact]
    public void Load_DemoDbc_ParsesWithoutWarnings()
    {
        Assert.Empty(Demo.Warnings);
        Assert.Equal(17, Demo.Messages.Count);
        Assert.Equal("CAN FD", Demo.BusType);
        Assert.False(Demo.IsJ1939);
    }

    [Fact]
    public void DemoDbc_EveryMessage_HasACommentAndARealisticCycleTime()
    {
        foreach (var message in Demo.Messages)
        {
            Assert.False(string.IsNullOrWhiteSpace(message.Comment), message.Name);
            Assert.InRange(message.CycleTimeMs ?? 0, 10, 1000);
        }
    }

    [Fact]
    public void DemoDbc_HasMultiplexedMotorolaFdAndExtendedMessages()
    {
        Assert.Contains(Demo.Messages, m => m.Signals.Any(s => s.IsMultiplexor) && m.Signals.Count(s => s.IsMultiplexed) >= 24);
        Assert.Contains(Demo.Messages, m => m.Signals.All(s => s.ByteOrder == DbcByteOrder.BigEndian) && !m.IsExtended);
        Assert.Contains(Demo.Messages, m => m.IsFd && m.Size > 8);
        Assert.Contains(Demo.Messages, m => m.IsExtended && !m.IsFd);
        Assert.Contains(Demo.Messages, m => m.Signals.Any(s => s.ValueType == DbcValueType.Float32));
    }

    [Theory]
    [InlineData("VCU_DriveState", "GearPosition", 0, "P")]
    [InlineData("VCU_DriveState", "GearPosition", 1, "R")]
    [InlineData("VCU_DriveState", "GearPosition", 2, "N")]
    [InlineData("VCU_DriveState", "GearPosition", 3, "D")]
    [InlineData("OBC_ChargingStatus", "ChargingState", 2, "Charging")]
    [InlineData("ACU_Occupancy", "SeatBelt_RearLeft", 1, "Buckled")]
    [InlineData("BCM_Lighting", "WiperMode", 1, "Interval")]
    public void DemoDbc_ValueTables_NameTheStates(string message, string signal, long raw, string label)
    {
        Assert.True(Demo.GetMessage(message).TryGetSignal(signal, out var found));
        Assert.True(found.TryGetLabel(raw, out var text));
        Assert.Equal(label, text);
    }

    [Fact]
    public void DemoDbc_SignalsOfOneMultiplexPage_NeverShareABit()
    {
        foreach (var message in Demo.Messages)
        {
            var pages = message.Signals.Where(s => s.IsMultiplexed).Select(s => s.MultiplexValues[0].Low).Distinct().DefaultIfEmpty(-1);
            foreach (long page in pages)
            {
                var owner = new string?[message.Size * 8];
                foreach (var signal in message.Signals.Where(s => !s.IsMultiplexed || s.MultiplexValues[0].Low == page))
                {
                    var spec = new SignalSpec(signal.Name, signal.StartBit, signal.Length, signal.ByteOrder == DbcByteOrder.BigEndian, signal.IsSigned, 0, 1, 0, 0);
                    for (int i = 0; i < signal.Length; i++)
                    {
                        int bit = spec.BitOf(i);
                        Assert.True(bit < owner.Length, $"{message.Name}.{signal.Name} leaves the {message.Size}-byte payload");
                        Assert.True(owner[bit] is null, $"{message.Name}: {signal.Name} and {owner[bit]} share bit {bit}");
                        owner[bit] = signal.Name;
                    }
                }
            }
        }
    }

    [Fact]
    public void DemoDbc_Readme_DescribesEveryMessageWithItsCycleTime()
    {
        string readme = File.ReadAllText(RepoPaths.Get("models", "dbc", "README.md"));

        foreach (var message in Demo.Messages)
            Assert.Contains($"| {message.Name} | 0x{message.Id:X} | {message.CycleTimeMs} ms |", readme);
    }

    [Fact]
    public void DemoDbc_EncodeThenDecodeEveryMessage_GivesBackTheValues()
    {
        var database = Demo.Compile();
        foreach (var decoder in database.Decoders)
        {
            var values = new double[decoder.SignalCount];
            for (int i = 0; i < values.Length; i++)
            {
                var signal = decoder.Message.Signals[i];
                values[i] = signal.IsMultiplexed && signal.MultiplexValues[0].Low != 1 ? double.NaN
                    : signal.IsMultiplexor ? 1
                    : signal.ValueType == DbcValueType.Float32 ? 48.1372f
                    : signal.ToPhysical(signal.IsSigned ? -1 : 1);
            }

            var frame = decoder.EncodeFrame(values);
            var back = new double[values.Length];
            Assert.True(database.TryGetDecoder(frame, out var found));
            found.Decode(frame, back);

            Assert.Equal(decoder.Message.IsFd, frame.IsFd);
            Assert.Equal(values, back);
        }
    }
}
