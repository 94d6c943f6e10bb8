using EdgeAI.Can.Dbc;

namespace EdgeAI.Can.Tests.Dbc;

public class MessageDecoderTests
{
    private static DbcDatabase Compile(string body) => DbcFile.Parse("BU_: A B\n" + body, "test.dbc").Compile();

    private static double[] Decode(MessageDecoder decoder, params byte[] data)
    {
        var values = new double[decoder.SignalCount];
        decoder.Decode(data, values);
        return values;
    }

    [Fact]
    public void Decode_IntelSignalsCrossingByteBoundaries_MatchHandComputation()
    {
        var decoder = Compile("""
            BO_ 177 Dynamics: 8 A
             SG_ BrakePressure : 24|12@1+ (0.1,0) [0|250] "bar" B
             SG_ LongitudinalAccel : 36|12@1- (0.01,0) [-15|15] "m/s^2" B
             SG_ Speed : 0|13@1+ (0.05,0) [0|300] "km/h" B
            """).GetDecoder("Dynamics");

        var values = Decode(decoder, 0x34, 0xF2, 0x00, 0xAB, 0xCD, 0xF0, 0x00, 0x00);

        // BrakePressure: bits 24..35 = byte3 (all 8 bits, low part) + low nibble of byte4 (high part):
        //   raw = 0xD << 8 | 0xAB = 0xDAB = 3499 -> 3499 * 0.1 = 349.9 bar.
        Assert.Equal(349.9, values[0], 12);
        // LongitudinalAccel: bits 36..47 = high nibble of byte4 (low part) + byte5 (high part):
        //   raw = 0xF0 << 4 | 0xC = 0xF0C = 3852; signed 12 bits: 3852 - 4096 = -244 -> -2.44 m/s^2.
        Assert.Equal(-2.44, values[1], 12);
        // Speed: bits 0..12 = byte0 + low 5 bits of byte1: raw = (0xF2 & 0x1F) << 8 | 0x34 = 0x1234 = 4660 -> 233.0 km/h.
        Assert.Equal(233.0, values[2], 12);
    }

    [Fact]
    public void Decode_MotorolaSignalsCrossingByteBoundaries_MatchHandComputation()
    {
        var decoder = Compile("""
            BO_ 160 Steering: 8 A
             SG_ SteeringAngle : 7|16@0- (0.1,0) [-780|780] "deg" B
             SG_ SteeringTorque : 39|12@0- (0.01,0) [-20|20] "Nm" B
             SG_ AngleValid : 43|1@0+ (1,0) [0|1] "" B
             SG_ Wide : 12|20@0+ (1,0) [0|0] "" B
            """).GetDecoder("Steering");

        var values = Decode(decoder, 0xFE, 0x15, 0xC3, 0x7E, 0x80, 0x1F, 0x00, 0x00);

        // SteeringAngle: MSB is bit 7 of byte 0, 16 bits big-endian = bytes 0..1: 0xFE15 = 65045;
        //   signed: 65045 - 65536 = -491 -> -49.1 deg.
        Assert.Equal(-49.1, values[0], 12);
        // SteeringTorque: MSB bit 7 of byte 4, 12 bits = byte4 then the high nibble of byte5:
        //   raw = 0x80 << 4 | 0x1 = 0x801 = 2049; signed: 2049 - 4096 = -2047 -> -20.47 Nm.
        Assert.Equal(-20.47, values[1], 12);
        // AngleValid: bit 3 of byte 5 (0x1F = 0001_1111) -> 1.
        Assert.Equal(1.0, values[2]);
        // Wide: MSB bit 4 of byte 1, 20 bits = low 5 bits of byte1, all of byte2, high 7 bits of byte3:
        //   (0x15 & 0x1F) << 15 | 0xC3 << 7 | 0x7E >> 1 = 21 * 32768 + 195 * 128 + 63 = 688128 + 24960 + 63 = 713151.
        Assert.Equal(713151.0, values[3]);
    }

    [Fact]
    public void Decode_Intel64BitSignalSpanningNineBytes_MatchesHandComputation()
    {
        var decoder = Compile("""
            BO_ 1 Wide: 12 A
             SG_ IntelWide : 4|64@1+ (1,0) [0|0] "" B
            """).GetDecoder("Wide");
        var raw = new long[1];
        var present = new bool[1];

        decoder.DecodeRaw([0xA0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x0B, 0, 0, 0], raw, present);

        // Bits 4..67: high nibble of byte0 (lowest 4 bits), bytes 1..7, low nibble of byte8 (highest 4 bits)
        //   -> 0xB_77_66_55_44_33_22_11_A.
        Assert.True(present[0]);
        Assert.Equal(0xB77665544332211AUL, (ulong)raw[0]);
    }

    [Fact]
    public void Decode_Motorola64BitSignalSpanningNineBytes_MatchesHandComputation()
    {
        var decoder = Compile("""
            BO_ 1 Wide: 12 A
             SG_ MotorolaWide : 3|64@0+ (1,0) [0|0] "" B
            """).GetDecoder("Wide");
        var raw = new long[1];
        var present = new bool[1];

        decoder.DecodeRaw([0x0A, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0xB0, 0, 0, 0], raw, present);

        // MSB is bit 3 of byte 0: byte0 bits 3..0 (0xA), bytes 1..7, byte8 bits 7..4 (0xB) -> 0xA_11_22_33_44_55_66_77_B.
        Assert.True(present[0]);
        Assert.Equal(0xA11223344556677BUL, (ulong)raw[0]);
    }

    [Fact]
    public void Decode_FloatSignals_ReinterpretTheBits()
    {
        var decoder = Compile("""
            BO_ 1 Floats: 16 A
             SG_ IntelSingle : 0|32@1- (1,0) [0|0] "" B
             SG_ MotorolaSingle : 39|32@0- (2,1) [0|0] "" B
             SG_ IntelDouble : 64|64@1- (1,0) [0|0] "" B
            SIG_VALTYPE_ 1 IntelSingle : 1;
            SIG_VALTYPE_ 1 MotorolaSingle : 1;
            SIG_VALTYPE_ 1 IntelDouble : 2;
            """).GetDecoder("Floats");

        // -2.25f = 0xC0100000 (little-endian bytes 00 00 10 C0); 1.5f = 0x3FC00000 (big-endian bytes 3F C0 00 00);
        // 1.0 = 0x3FF0000000000000 (little-endian: six 00 bytes, F0, 3F).
        var values = Decode(decoder, 0x00, 0x00, 0x10, 0xC0, 0x3F, 0xC0, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F);

        Assert.Equal(-2.25, values[0]);
        Assert.Equal(1.5 * 2 + 1, values[1]);
        Assert.Equal(1.0, values[2]);
    }

    [Fact]
    public void Decode_SimpleMultiplexing_GivesNaNForPagesNotSelected()
    {
        var decoder = Compile("""
            BO_ 497 Cells: 8 A
             SG_ Page M : 0|8@1+ (1,0) [0|7] "" B
             SG_ Cell1 m0 : 8|16@1+ (0.001,0) [0|5] "V" B
             SG_ Cell4 m1 : 8|16@1+ (0.001,0) [0|5] "V" B
             SG_ Cell5 m1 : 24|16@1+ (0.001,0) [0|5] "V" B
             SG_ Temp : 56|8@1+ (1,-40) [-40|125] "degC" B
            """).GetDecoder("Cells");

        var values = Decode(decoder, 0x01, 0x10, 0x0E, 0xA4, 0x0E, 0x00, 0x00, 0x41);

        // Page 1: Cell4 = 0x0E10 = 3600 mV, Cell5 = 0x0EA4 = 3748 mV; Cell1 (page 0) is absent; Temp = 0x41 - 40 = 25.
        Assert.Equal(1.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Equal(3.6, values[2], 12);
        Assert.Equal(3.748, values[3], 12);
        Assert.Equal(25.0, values[4]);
    }

    [Theory]
    [InlineData(2, 3, "S0 S1 A")]
    [InlineData(5, 7, "S0 S1 B")]
    [InlineData(1, 3, "S0 C")]
    [InlineData(3, 3, "S0")]
    public void Decode_ExtendedMultiplexing_FollowsTheMultiplexorChain(int s0, int s1, string present)
    {
        var decoder = Compile("""
            BO_ 100 Diag: 8 A
             SG_ S0 M : 0|4@1+ (1,0) [0|0] "" B
             SG_ S1 m2M : 4|4@1+ (1,0) [0|0] "" B
             SG_ A m3 : 8|8@1+ (1,0) [0|0] "" B
             SG_ B m5 : 8|8@1+ (1,0) [0|0] "" B
             SG_ C m1 : 16|8@1+ (1,0) [0|0] "" B
            SG_MUL_VAL_ 100 S1 S0 2-2, 4-6;
            SG_MUL_VAL_ 100 A S1 3-3;
            SG_MUL_VAL_ 100 B S1 5-9;
            SG_MUL_VAL_ 100 C S0 1-1;
            """).GetDecoder("Diag");

        var values = Decode(decoder, (byte)(s0 | s1 << 4), 0x2A, 0x2B, 0, 0, 0, 0, 0);

        var names = decoder.Message.Signals.Where((_, i) => !double.IsNaN(values[i])).Select(s => s.Name);
        Assert.Equal(present, string.Join(' ', names));
    }

    [Fact]
    public void Decode_ShortFrame_GivesNaNForSignalsItDoesNotHold()
    {
        var decoder = Compile("BO_ 1 M: 8 A\n SG_ Low : 0|8@1+ (1,0) [0|0] \"\" B\n SG_ High : 48|16@1+ (1,0) [0|0] \"\" B\n").GetDecoder("M");

        var values = Decode(decoder, 0x05, 0, 0, 0, 0, 0, 0x01);

        Assert.Equal(5.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
    }

    [Fact]
    public void Encode_PhysicalValues_RoundsAndClampsToTheRawRange()
    {
        var decoder = Compile("""
            BO_ 1 M: 8 A
             SG_ Unsigned : 0|8@1+ (0.5,-10) [0|0] "" B
             SG_ Signed : 8|8@1- (1,0) [0|0] "" B
             SG_ Motorola : 23|12@0- (0.01,0) [0|0] "" B
            """).GetDecoder("M");
        var data = new byte[8];

        // Unsigned: (1.26 + 10) / 0.5 = 22.52 -> 23; Signed: 300 clamps to 127; Motorola: -20.475 / 0.01 = -2047.5 -> -2048
        // (halves away from zero), 12-bit two's complement 0x800 -> byte2 = 0x80, high nibble of byte3 = 0x0.
        decoder.Encode([1.26, 300, -20.475], data);

        Assert.Equal(new byte[] { 23, 127, 0x80, 0x00, 0, 0, 0, 0 }, data);
        decoder.Encode([-1000, -1000, 1e300], data);
        // Unsigned clamps to 0, Signed to -128 (0x80), Motorola to +2047 (0x7FF -> byte2 0x7F, byte3 high nibble 0xF).
        Assert.Equal(new byte[] { 0, 0x80, 0x7F, 0xF0, 0, 0, 0, 0 }, data);
    }

    [Fact]
    public void Encode_NaNValue_LeavesThoseBitsAlone()
    {
        var decoder = Compile("BO_ 1 M: 8 A\n SG_ X : 0|8@1+ (1,0) [0|0] \"\" B\n SG_ Y : 8|8@1+ (1,0) [0|0] \"\" B\n").GetDecoder("M");
        byte[] data = [0x11, 0x22, 0x33, 0, 0, 0, 0, 0];

        decoder.Encode([double.NaN, 5], data);

        Assert.Equal(new byte[] { 0x11, 5, 0x33, 0, 0, 0, 0, 0 }, data);
    }

    [Fact]
    public void EncodeFrame_FdExtendedMessage_SetsFlagsAndPadsToAValidFdLength()
    {
        var database = Compile("""
            BO_ 2566869221 Big: 10 A
             SG_ Last : 72|8@1+ (1,0) [0|0] "" B
            BA_DEF_ BO_ "VFrameFormat" ENUM "StandardCAN","ExtendedCAN","reserved","J1939PG","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","StandardCAN_FD","ExtendedCAN_FD";
            BA_ "VFrameFormat" BO_ 2566869221 15;
            """);
        var decoder = database.GetDecoder("Big");

        var frame = decoder.EncodeFrame([0x5A], timestampNs: 1234, channel: 2);

        Assert.Equal(CanFlags.Extended | CanFlags.Fd | CanFlags.Brs, frame.Flags);
        Assert.Equal((0x18FF50E5u, 12, 1234L, (ushort)2), (frame.Id, frame.Length, frame.TimestampNs, frame.Channel));
        Assert.Equal(0x5A, frame.Data[9]);
        Assert.True(database.TryGetDecoder(frame, out var found));
        Assert.Same(decoder, found);
        Assert.Equal(0x5A, Decode(found, frame.Data.ToArray())[0]);
    }

    [Fact]
    public void TryGetDecoder_StandardAndExtendedWithSameNumber_AreDifferentMessages()
    {
        var database = Compile("BO_ 256 Std: 8 A\nBO_ 2147483904 Ext: 8 A\n");

        Assert.True(database.TryGetDecoder(new CanFrame(0x100, new byte[8]), out var std));
        Assert.True(database.TryGetDecoder(new CanFrame(0x100, new byte[8], CanFlags.Extended), out var ext));
        Assert.Equal(("Std", "Ext"), (std.Message.Name, ext.Message.Name));
        Assert.False(database.TryGetDecoder(new CanFrame(0x101, new byte[8]), out _));
        Assert.False(database.TryGetDecoder(new CanFrame(0x100, [], CanFlags.Remote), out _));
    }

    [Fact]
    public void TryGetDecoder_J1939Database_MatchesByPgnIgnoringPriorityAndAddresses()
    {
        var database = Compile("""
            BO_ 2364540158 EEC1: 8 A
             SG_ EngineSpeed : 24|16@1+ (0.125,0) [0|8031.875] "rpm" B
            BO_ 2348810243 TSC1: 8 A
             SG_ RequestedSpeed : 8|16@1+ (0.125,0) [0|8031.875] "rpm" B
            BA_DEF_ "ProtocolType" STRING ;
            BA_DEF_DEF_ "ProtocolType" "";
            BA_ "ProtocolType" "J1939";
            """);

        // EEC1 is 0x0CF004FE in the DBC (PGN 0xF004, PDU2): priority 6 and source 0x17 still match.
        Assert.True(database.TryGetDecoder(0x18F00417, extended: true, out var eec1));
        Assert.Equal("EEC1", eec1.Message.Name);
        // TSC1 is 0x0C000003 (PGN 0, PDU1): another destination (0xFF) and source (0x21) still match.
        Assert.True(database.TryGetDecoder(0x0C00FF21, extended: true, out var tsc1));
        Assert.Equal("TSC1", tsc1.Message.Name);
        // PF 0x01 is PGN 0x0100, another group; and J1939 never matches 11-bit ids.
        Assert.False(database.TryGetDecoder(0x0C010003, extended: true, out _));
        Assert.False(database.TryGetDecoder(0x004, extended: false, out _));
        Assert.Equal((0xF004u, 0u, (byte)0x17, 6), (J1939Id.Pgn(0x18F00417), J1939Id.Pgn(0x0C00FF21), J1939Id.SourceAddress(0x18F00417), J1939Id.Priority(0x18F00417)));
    }

    [Fact]
    public void TryGetDecoder_NonJ1939Database_NeedsTheExactId()
    {
        var database = Compile("BO_ 2364540158 EEC1: 8 A\n SG_ EngineSpeed : 24|16@1+ (0.125,0) [0|8031.875] \"rpm\" B\n");

        Assert.True(database.TryGetDecoder(0x0CF004FE, extended: true, out _));
        Assert.False(database.TryGetDecoder(0x18F00417, extended: true, out _));
    }

    [Fact]
    public void TryGetLabel_DecodedValue_ReturnsTheStoredString()
    {
        var database = Compile("""
            BO_ 192 Drive: 8 A
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" B
             SG_ Temp : 8|8@1+ (0.5,-40) [0|0] "" B
            VAL_ 192 Gear 0 "P" 1 "R" 2 "N" 3 "D" ;
            VAL_ 192 Temp 255 "Error" ;
            """);
        var decoder = database.GetDecoder("Drive");
        var values = Decode(decoder, 0x03, 0xFF, 0, 0, 0, 0, 0, 0);

        Assert.True(decoder.TryGetLabel(0, values[0], out var gear));
        Assert.Equal("D", gear);
        Assert.Same(decoder.Message.Signals[0].ValueDescriptions!.Labels[3], gear);
        Assert.True(decoder.TryGetLabel(1, values[1], out var temp));
        Assert.Equal("Error", temp);
        Assert.False(decoder.TryGetLabel(0, double.NaN, out _));
        Assert.False(decoder.TryGetLabel(0, 5, out _));
    }

    [Fact]
    public void Decode_SteadyState_AllocatesNothing()
    {
        var database = Compile("""
            BO_ 497 Cells: 8 A
             SG_ Page M : 0|8@1+ (1,0) [0|7] "" B
             SG_ Cell1 m0 : 8|16@1+ (0.001,0) [0|5] "V" B
             SG_ Angle : 39|16@0- (0.1,0) [0|0] "" B
            """);
        var frame = new CanFrame(497, [0, 1, 2, 3, 4, 5, 6, 7]);
        Span<double> values = stackalloc double[database.MaxSignalCount];
        Span<byte> data = stackalloc byte[8];
        Run(database, frame, values, data);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Run(database, frame, values, data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        static void Run(DbcDatabase database, in CanFrame frame, Span<double> values, Span<byte> data)
        {
            if (!database.TryGetDecoder(frame, out var decoder)) throw new InvalidOperationException();
            decoder.Decode(frame, values);
            decoder.Encode(values, data);
            decoder.TryGetLabel(0, values[0], out _);
        }
    }
}
