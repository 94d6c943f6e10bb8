using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.Fusion.Tests.E2E;

public sealed class E2ECheckerTests
{
    private const string Dbc = """
        VERSION ""
        NS_ :
        BS_:
        BU_: ECU
        BO_ 100 Profile1: 8 ECU
         SG_ Crc : 0|8@1+ (1,0) [0|255] "" Vector__XXX
         SG_ Counter : 8|4@1+ (1,0) [0|15] "" Vector__XXX
         SG_ Speed : 16|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
        BO_ 101 Profile2: 8 ECU
         SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "km/h" Vector__XXX
         SG_ Counter : 48|4@1+ (1,0) [0|15] "" Vector__XXX
         SG_ Crc : 56|8@1+ (1,0) [0|255] "" Vector__XXX
        BO_ 160 Steering: 8 ECU
         SG_ Angle : 7|16@0- (0.1,0) [-780|780] "deg" Vector__XXX
         SG_ Wide : 24|12@1+ (1,0) [0|4095] "" Vector__XXX
         SG_ Signed : 36|4@1- (1,0) [-8|7] "" Vector__XXX
         SG_ Cnt : 55|4@0+ (1,0) [0|15] "" Vector__XXX
         SG_ Sum : 63|8@0+ (1,0) [0|255] "" Vector__XXX
        BO_ 102 NoCounter: 4 ECU
         SG_ Level : 0|8@1+ (1,0) [0|255] "" Vector__XXX
         SG_ Chk : 24|8@1+ (1,0) [0|255] "" Vector__XXX
        """;

    private static readonly DbcDatabase Database = DbcFile.Parse(Dbc, "e2e_test.dbc").Compile();
    private static readonly int[] CountingIds = [.. Enumerable.Range(0x40, 16)];

    private static E2EChecker Profile1(int maxDelta = 1) =>
        new(Database.GetDecoder("Profile1"), new E2ESpec(E2EAlgorithm.Crc8SaeJ1850, "Crc", "Counter", DataId: 0x10C0, MaxDeltaCounter: maxDelta));

    private static E2EChecker Profile2() =>
        new(Database.GetDecoder("Profile2"), new E2ESpec(E2EAlgorithm.Crc8H2F, "Crc", "Counter", DataIdList: CountingIds));

    private static E2EChecker Steering() => new(Database.GetDecoder("Steering"), new E2ESpec(E2EAlgorithm.Sum8, "Sum", "Cnt"));

    /// <summary>A protected frame of the checker's message with the counter and one value set.</summary>
    private static CanFrame Frame(E2EChecker checker, int counter, double value = 12.5)
    {
        var decoder = checker.Decoder;
        var values = new double[decoder.SignalCount];
        for (int i = 0; i < values.Length; i++) values[i] = value;
        if (checker.Spec.CounterSignal is { } name) values[decoder.IndexOf(name)] = counter;
        Span<byte> payload = stackalloc byte[decoder.FrameLength];
        decoder.Encode(values, payload);
        checker.Protect(payload);
        return new CanFrame(decoder.Message.Id, payload);
    }

    private static CanFrame FlipBit(in CanFrame frame, int bit)
    {
        Span<byte> payload = stackalloc byte[frame.Length];
        frame.Data.CopyTo(payload);
        payload[bit / 8] ^= (byte)(1 << (bit % 8));
        return new CanFrame(frame.Id, payload);
    }

    [Fact]
    public void Profile1_CounterRunsZeroToFourteen_EveryFrameOkAfterTheFirst()
    {
        var checker = Profile1();
        Assert.Equal(15, checker.CounterModulus);
        Assert.Equal(E2EStatus.Initial, checker.Check(Frame(checker, 0)));
        for (int sequence = 1; sequence < 50; sequence++)
            Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, sequence % 15, sequence)));
        Assert.Equal((50, 0, 0), (checker.FramesChecked, checker.ChecksumFailures, checker.CounterFailures));
    }

    [Fact]
    public void Profile1_CounterFifteen_IsNeverSentSoItIsAJump()
    {
        var checker = Profile1();
        checker.Check(Frame(checker, 14));
        Assert.Equal(E2EStatus.CounterJump, checker.Check(Frame(checker, 15)));
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 0)));
        Assert.Equal(1, checker.CounterJumps);
    }

    [Fact]
    public void Profile2_CounterRunsZeroToFifteen_EveryFrameOkAfterTheFirst()
    {
        var checker = Profile2();
        Assert.Equal(16, checker.CounterModulus);
        Assert.Equal(E2EStatus.Initial, checker.Check(Frame(checker, 3)));
        for (int sequence = 4; sequence < 60; sequence++)
            Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, sequence % 16)));
    }

    [Fact]
    public void Profile2_FrameProtectedWithAnotherCountersDataId_FailsTheChecksum()
    {
        var checker = Profile2();
        var frame = Frame(checker, 5);
        Span<byte> payload = stackalloc byte[8];
        frame.Data.CopyTo(payload);
        // The checksum a sender would write with data id 0x46 (counter 6's) while the counter says 5.
        payload[7] = E2EChecker.Compute(E2EAlgorithm.Crc8H2F, payload, 7, counter: 6, dataIdList: CountingIds.Select(i => (byte)i).ToArray());
        Assert.Equal(E2EStatus.ChecksumMismatch, checker.Check(payload));
    }

    [Theory]
    [InlineData("Profile1")]
    [InlineData("Profile2")]
    [InlineData("Steering")]
    public void EverySingleBitFlip_IsAChecksumMismatch(string message)
    {
        var checker = message switch { "Profile1" => Profile1(), "Profile2" => Profile2(), _ => Steering() };
        var frame = Frame(checker, 4, 33.3);
        for (int bit = 0; bit < frame.Length * 8; bit++)
            Assert.Equal(E2EStatus.ChecksumMismatch, checker.Check(FlipBit(frame, bit)));
        Assert.Equal(64, checker.ChecksumFailures);
    }

    [Fact]
    public void CorruptedFrame_CountsOnce_AndTheNextGoodFrameIsOk()
    {
        var checker = Profile1();
        checker.Check(Frame(checker, 0));
        checker.Check(Frame(checker, 1));
        Assert.Equal(E2EStatus.ChecksumMismatch, checker.Check(FlipBit(Frame(checker, 2), 20)));
        // Counter 3 after the last accepted 1: the rejected frame widened the allowed step to 2.
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 3)));
        Assert.Equal((1, 0), (checker.ChecksumFailures, checker.CounterFailures));
    }

    [Fact]
    public void RepeatedFrame_IsCounterRepeated_AndTheNextFrameIsOk()
    {
        var checker = Steering();
        checker.Check(Frame(checker, 7));
        var frame = Frame(checker, 8);
        Assert.Equal(E2EStatus.Ok, checker.Check(frame));
        Assert.Equal(E2EStatus.CounterRepeated, checker.Check(frame));
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 9)));
        Assert.Equal((1, 0), (checker.CounterRepeats, checker.CounterJumps));
    }

    [Fact]
    public void StuckSenderReplacingAFrame_IsOneRepeat_NotAlsoAJump()
    {
        var checker = Steering();
        checker.Check(Frame(checker, 14));
        var frame = Frame(checker, 15);
        checker.Check(frame);
        Assert.Equal(E2EStatus.CounterRepeated, checker.Check(frame)); // in place of counter 0
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 1)));
        Assert.Equal(1, checker.CounterFailures);
    }

    [Fact]
    public void LostFrames_BeyondMaxDeltaCounter_AreOneJump_ThenTheNewCounterIsTheReference()
    {
        var checker = Profile1();
        checker.Check(Frame(checker, 13));
        Assert.Equal(E2EStatus.CounterJump, checker.Check(Frame(checker, 1))); // 14 and 0 lost: step 2 across the wrap
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 2)));
        Assert.Equal(1, checker.CounterJumps);
    }

    [Fact]
    public void LostFrames_WithinMaxDeltaCounter_AreOk()
    {
        var checker = Profile1(maxDelta: 3);
        checker.Check(Frame(checker, 13));
        Assert.Equal(E2EStatus.Ok, checker.Check(Frame(checker, 1))); // step 3 across the 0..14 wrap
        Assert.Equal(E2EStatus.CounterJump, checker.Check(Frame(checker, 5)));
    }

    [Fact]
    public void MotorolaCounter_IsReadWhereTheDecoderReadsIt()
    {
        var checker = Steering();
        var decoder = checker.Decoder;
        var raw = new long[decoder.SignalCount];
        var present = new bool[decoder.SignalCount];
        for (int counter = 0; counter < 16; counter++)
        {
            var frame = Frame(checker, counter, -31.4);
            decoder.DecodeRaw(frame.Data, raw, present);
            Assert.Equal(counter, checker.ReadCounter(frame.Data));
            Assert.Equal(raw[decoder.IndexOf("Cnt")], checker.ReadCounter(frame.Data));
            Assert.Equal(raw[decoder.IndexOf("Sum")], frame.Data[7]);
        }
    }

    [Fact]
    public void MessageWithoutCounter_IsInitialThenOk()
    {
        var checker = new E2EChecker(Database.GetDecoder("NoCounter"), new E2ESpec(E2EAlgorithm.Xor8, "Chk"));
        Assert.Equal(0, checker.CounterModulus);
        var frame = Frame(checker, 0, 77);
        Assert.Equal(E2EStatus.Initial, checker.Check(frame));
        Assert.Equal(E2EStatus.Ok, checker.Check(frame));
        Assert.Equal(E2EStatus.ChecksumMismatch, checker.Check(FlipBit(frame, 3)));
    }

    [Fact]
    public void ShortFrame_IsAChecksumMismatch()
    {
        var checker = Profile2();
        Assert.Equal(E2EStatus.ChecksumMismatch, checker.Check(new CanFrame(101, new byte[4])));
        Assert.Equal(1, checker.ChecksumFailures);
    }

    [Fact]
    public void Reset_MakesTheNextFrameInitialAgain_AndKeepsTheTotals()
    {
        var checker = Profile1();
        checker.Check(Frame(checker, 0));
        checker.Check(Frame(checker, 1));
        checker.Reset();
        Assert.Equal(E2EStatus.Initial, checker.Check(Frame(checker, 9)));
        Assert.Equal(3, checker.FramesChecked);
    }

    [Fact]
    public void Check_DoesNotAllocate()
    {
        E2EChecker[] checkers = [Profile1(), Profile2(), Steering()];
        var frames = checkers.Select(c => Enumerable.Range(0, 15).Select(i => Frame(c, i)).ToArray()).ToArray();
        for (int k = 0; k < checkers.Length; k++) foreach (var frame in frames[k]) checkers[k].Check(frame);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
            for (int k = 0; k < checkers.Length; k++)
                foreach (ref readonly var frame in frames[k].AsSpan()) checkers[k].Check(in frame);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("Profile1", "Missing", "Counter", "E2E spec for Profile1: no checksum signal 'Missing' in the message")]
    [InlineData("Profile1", "Crc", "Alive", "E2E spec for Profile1: no counter signal 'Alive' in the message")]
    [InlineData("Steering", "Wide", "Cnt", "E2E spec for Steering: checksum signal Wide is not one whole byte (start bit 24, 12 bits)")]
    [InlineData("Steering", "Angle", "Cnt", "E2E spec for Steering: checksum signal Angle is not one whole byte (start bit 7, 16 bits)")]
    [InlineData("Profile1", "Crc", "Speed", "E2E spec for Profile1: counter signal Speed is not an unsigned 2..8-bit integer")]
    [InlineData("Steering", "Sum", "Signed", "E2E spec for Steering: counter signal Signed is not an unsigned 2..8-bit integer")]
    public void Constructor_UnfitSignals_ThrowOneLineNamingMessageAndSignal(string message, string checksum, string counter, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new E2EChecker(Database.GetDecoder(message), new E2ESpec(E2EAlgorithm.Sum8, checksum, counter)));
        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Constructor_Profile2WithoutDataIdList_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new E2EChecker(Database.GetDecoder("Profile2"), new E2ESpec(E2EAlgorithm.Crc8H2F, "Crc", "Counter")));
        Assert.Equal("E2E spec for Profile2: Profile 2 (Crc8H2F) needs a DataIdList of 16 data ids, one per counter value", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void Constructor_MaxDeltaCounterOutsideTheCounterRange_Throws(int maxDelta)
    {
        var error = Assert.Throws<ArgumentException>(() => Profile1(maxDelta));
        Assert.Equal($"E2E spec for Profile1: MaxDeltaCounter {maxDelta} is outside 1..14", error.Message);
    }

    [Fact]
    public void Constructor_DataIdWiderThan16Bits_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new E2EChecker(Database.GetDecoder("Profile1"), new E2ESpec(E2EAlgorithm.Crc8SaeJ1850, "Crc", "Counter", DataId: 0x10000)));
        Assert.Equal("E2E spec for Profile1: data id 65536 is not a 16-bit value", error.Message);
    }
}
