using EdgeAI.Can.Dbc;

namespace EdgeAI.Can.Tests.Dbc;

/// <summary>DBC content that would decode frames wrong is a serious warning (refused under --strict); infinite numbers are errors.</summary>
public sealed class DbcSeriousWarningTests
{
    private static DbcFile Parse(string signals, string extra = "") => DbcFile.Parse($"""
        VERSION ""
        BU_: A
        BO_ 100 M: 8 A
        {signals}
        {extra}
        """, "test.dbc");

    [Theory]
    [InlineData("1e400", "0")]
    [InlineData("1", "-1e400")]
    public void Parse_InfiniteFactorOrOffset_IsAnErrorWithLineAndColumn(string factor, string offset)
    {
        var e = Assert.Throws<DbcFormatException>(() => Parse($""" SG_ S : 0|8@1+ ({factor},{offset}) [0|255] "" A"""));
        Assert.StartsWith("test.dbc:4:", e.Message);
        Assert.Contains("(a finite number)", e.Message);
    }

    [Theory]
    [InlineData(""" SG_ S : 60|8@1+ (1,0) [0|255] "" A""", "reaches past the 8-byte message")]
    [InlineData(""" SG_ S : 0|8@1+ (0,0) [0|255] "" A""", "has factor 0")]
    [InlineData(""" SG_ S : 0|8@1+ (1,0) [9|3] "" A""", "has minimum 9 above maximum 3")]
    [InlineData(" SG_ S : 0|8@1+ (1,0) [0|255] \"\" A\n SG_ S : 8|8@1+ (1,0) [0|255] \"\" A", "is defined twice")]
    public void Parse_SignalThatDecodesWrong_IsASeriousWarning(string signals, string expected)
    {
        var file = Parse(signals);
        var warning = Assert.Single(file.SeriousWarnings);
        Assert.Contains(expected, warning);
        Assert.StartsWith("test.dbc:", warning);
    }

    [Fact]
    public void Parse_ValueTableForAnUnknownSignal_IsSerious_AnUnknownStatementIsNot()
    {
        var file = Parse(""" SG_ S : 0|8@1+ (1,0) [0|255] "" A""", "VAL_ 100 Nope 1 \"on\" ;\nFANCY_NEW_THING_ 1;");
        Assert.Equal(2, file.Warnings.Count);
        Assert.Contains("unknown signal 'Nope'", Assert.Single(file.SeriousWarnings));
    }

    [Fact]
    public void Parse_MinimumEqualsMaximum_IsNoWarning()
    {
        // [0|0] is how many DBCs say "no range given".
        Assert.Empty(Parse(""" SG_ S : 0|8@1+ (1,0) [0|0] "" A""").Warnings);
    }
}
