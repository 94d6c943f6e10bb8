using EdgeAI.Can.Errors;

namespace EdgeAI.Can.Tests.Errors;

public sealed class CanErrorFrameTests
{
    [Fact]
    public void Decode_KernelControllerPassiveWithCounters_GivesStateAndCounters()
    {
        // As a kernel driver sends it: CAN_ERR_FLAG | CAN_ERR_CRTL | CAN_ERR_CNT, data[1] = TX_PASSIVE, data[6] tx, data[7] rx.
        var frame = new CanFrame(0x004 | 0x200, [0, 0x20, 0, 0, 0, 0, 136, 12], CanFlags.Error);
        Assert.True(CanErrorFrame.TryDecode(in frame, out var error));
        Assert.Equal(CanErrorClass.Controller | CanErrorClass.Counters, error.Classes);
        Assert.Equal(CanControllerStatus.TxPassive, error.Controller);
        Assert.Equal(CanBusState.ErrorPassive, error.State);
        Assert.Equal(136, error.TxErrors);
        Assert.Equal(12, error.RxErrors);
        Assert.Equal("controller: tx error passive; tx errors 136, rx errors 12", error.ToString());
    }

    [Theory]
    [InlineData(0x040u, 0x00, CanBusState.BusOff, "bus-off")]
    [InlineData(0x104u, 0x40, CanBusState.ErrorActive, "controller restarted; controller: back to error active")]
    [InlineData(0x004u, 0x08, CanBusState.ErrorWarning, "controller: tx error warning")]
    [InlineData(0x020u, 0x00, null, "no acknowledge (is another node on the bus?)")]
    public void Decode_EachClass_MapsToTheControllerState(uint classes, byte controller, CanBusState? state, string text)
    {
        var frame = new CanFrame(classes, [0, controller, 0, 0, 0, 0, 0, 0], CanFlags.Error);
        Assert.True(CanErrorFrame.TryDecode(in frame, out var error));
        Assert.Equal(state, error.State);
        Assert.Equal(text, error.ToString());
    }

    [Fact]
    public void Decode_DataFrame_IsNotAnErrorFrame() =>
        Assert.False(CanErrorFrame.TryDecode(new CanFrame(0x40, [1]), out _));

    [Fact]
    public void Create_BusOffAndRestarted_AreWhatTheKernelSends()
    {
        var busOff = CanErrorFrame.BusOff(timestampNs: 5);
        Assert.Equal(0x40u, busOff.Id);
        Assert.Equal(CanFlags.Error | CanFlags.Rx, busOff.Flags);
        Assert.Equal(8, busOff.Length);
        var restarted = CanErrorFrame.Restarted();
        Assert.Equal(0x104u, restarted.Id);
        Assert.Equal(0x40, restarted.Data[1]);
        Assert.True(CanErrorFrame.TryDecode(in restarted, out var decoded));
        Assert.Equal(CanBusState.ErrorActive, decoded.State);
    }

    [Fact]
    public void Create_WithCounters_SetsTheCounterClass()
    {
        var frame = CanErrorFrame.Create(CanErrorClass.Protocol, protocolType: 0x80 | 0x02, protocolLocation: 0x08, txErrors: 8);
        Assert.True(CanErrorFrame.TryDecode(in frame, out var e));
        Assert.Equal(CanErrorClass.Protocol | CanErrorClass.Counters, e.Classes);
        Assert.Equal("protocol violation 0x82 at location 0x08 while transmitting; tx errors 8, rx errors 0", e.ToString());
    }

    [Theory]
    // Bytes as a kernel driver's can_change_state + CAN_ERR_CNT produce them: id class bits, data[1], data[6], data[7].
    [InlineData(CanBusState.ErrorWarning, 96, 10, 0x204u, 0x08, "controller: tx error warning; tx errors 96, rx errors 10")]
    [InlineData(CanBusState.ErrorWarning, 5, 100, 0x204u, 0x04, "controller: rx error warning; tx errors 5, rx errors 100")]
    [InlineData(CanBusState.ErrorPassive, 128, 128, 0x204u, 0x30, "controller: rx error passive, tx error passive; tx errors 128, rx errors 128")]
    [InlineData(CanBusState.ErrorActive, 0, 0, 0x204u, 0x40, "controller: back to error active; tx errors 0, rx errors 0")]
    [InlineData(CanBusState.BusOff, 255, 0, 0x240u, 0x00, "bus-off; tx errors 255, rx errors 0")]
    public void ControllerState_EachState_IsTheKernelFrameAndDecodesBackToIt(CanBusState state, byte tx, byte rx, uint id, byte status, string text)
    {
        var frame = CanErrorFrame.ControllerState(state, tx, rx, timestampNs: 42, channel: 3);
        Assert.Equal(id, frame.Id);
        Assert.Equal(CanFlags.Error | CanFlags.Rx, frame.Flags);
        Assert.Equal(new byte[] { 0, status, 0, 0, 0, 0, tx, rx }, frame.Data.ToArray());
        Assert.Equal(42, frame.TimestampNs);
        Assert.Equal(3, frame.Channel);
        Assert.True(CanErrorFrame.TryDecode(in frame, out var decoded));
        Assert.Equal(state, decoded.State);
        Assert.Equal(text, decoded.ToString());
    }

    [Theory]
    [InlineData(CanBusState.Unknown)]
    [InlineData(CanBusState.Stopped)]
    public void ControllerState_NotAFaultConfinementState_IsRefused(CanBusState state) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CanErrorFrame.ControllerState(state, 0, 0));
}
