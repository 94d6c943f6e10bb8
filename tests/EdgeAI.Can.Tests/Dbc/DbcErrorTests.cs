using EdgeAI.Can.Dbc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Dbc;

public class DbcErrorTests
{
    private static DbcFormatException ParseFails(string text) => Assert.Throws<DbcFormatException>(() => DbcFile.Parse(text, "demo.dbc"));

    [Fact]
    public void Parse_BracketInsteadOfBar_NamesLineColumnAndWhatWasExpected()
    {
        // Line 3, and the ']' after "[0" is the 33rd character of " SG_ Speed : 0|16@1+ (0.01,0) [0]300] ...".
        var error = ParseFails("VERSION \"\"\nBO_ 100 Speed: 8 ESP\n SG_ Speed : 0|16@1+ (0.01,0) [0]300] \"km/h\" IVI\n");

        Assert.Equal("demo.dbc:3:33: expected '|' between min and max, found ']'", error.Message);
        Assert.Equal((3, 33), (error.Line, error.Column));
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Theory]
    [InlineData("BO_ 100 Speed 8 ESP\n", 1, 15, "expected ':' after the message name, found '8'")]
    [InlineData("BO_ x Speed: 8 ESP\n", 1, 5, "expected a message id after BO_, found 'x'")]
    [InlineData("BO_ 536870912 Speed: 8 ESP\n", 1, 5, "expected an 11- or 29-bit id (0..536870911), with or without bit 31 (+2147483648), found '536870912'")]
    [InlineData("BO_ 4294967295 Speed: 8 ESP\n", 1, 5, "expected an 11- or 29-bit id (0..536870911), with or without bit 31 (+2147483648), found '4294967295'")]
    [InlineData("BO_ 1275 2017: 8 ESP\n", 1, 10, "expected a message name, found '2017'")]
    [InlineData("BO_ 1275 2017-5: 8 ESP\n", 1, 10, "expected a message name, found '2017'")]
    [InlineData("BO_ 1275 Speed-Limit: 8 ESP\n", 1, 15, "expected ':' after the message name, found '-'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ 0.5_A : 0|8@1+ (1,0) [0|0] \"\" X\n", 2, 6, "expected a signal name after SG_, found '0.5'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ 12 : 0|8@1+ (1,0) [0|0] \"\" X\n", 2, 6, "expected a signal name after SG_, found '12'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ 0_A : 0|8@1+ (1,0) [0|0] \"\" X\nCM_ SG_ 1 \"no name\";\n", 3, 11, "expected a signal name, found '\"no name\"'")]
    [InlineData("BO_ 1 Speed: 65 ESP\n", 1, 14, "expected a message size of 0..64 bytes, found '65'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|8@2+ (1,0) [0|0] \"\" X\n", 2, 14, "expected byte order '1' (Intel) or '0' (Motorola) after '@', found '2'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|8@1* (1,0) [0|0] \"\" X\n", 2, 15, "expected '+' (unsigned) or '-' (signed) after the byte order, found '*'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|0@1+ (1,0) [0|0] \"\" X\n", 2, 12, "expected a signal length of 1..64 bits, found '0'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|8@1+ (1;0) [0|0] \"\" X\n", 2, 19, "expected ',' between factor and offset, found ';'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|8@1+ (1,0) [0|0] kmh X\n", 2, 29, "expected a quoted unit, found 'kmh'")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A : 0|8@1+ (1,0) [0|0]\n", 2, 28, "expected a quoted unit, found end of line")]
    [InlineData("BO_ 1 S: 8 ESP\n SG_ A x1 : 0|8@1+ (1,0) [0|0] \"\" X\n", 2, 8, "expected a multiplexer indicator (M, mN or mNM) or ':' after the signal name, found 'x1'")]
    [InlineData(" SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n", 1, 2, "expected a BO_ message before its SG_ signals, found 'SG_'")]
    [InlineData("CM_ BO_ 1 \"never closed;\n", 1, 11, "expected a closing '\"' for this string, found end of file")]
    [InlineData("VAL_ 1 A 1 \"x\" 2.5 \"y\" ;\n", 1, 16, "expected a whole raw value or ';', found '2.5'")]
    [InlineData("VAL_ 1 A 1 \"x\" 2\n", 2, 1, "expected a quoted label after the value, found end of file")]
    [InlineData("VAL_ 1 A 1 \"x\" 2 VAL_ 1 B 0 \"y\";\n", 1, 18, "expected a quoted label after the value, found 'VAL_'")]
    [InlineData("BA_DEF_ BO_ \"X\" TEXT;\n", 1, 17, "expected an attribute type (INT, HEX, FLOAT, STRING or ENUM), found 'TEXT'")]
    [InlineData("BA_DEF_ \"X\" INT 0 1\nBA_ \"X\" 1;\n", 2, 1, "expected ';' after the attribute definition, found 'BA_'")]
    [InlineData("SG_MUL_VAL_ 1 A B 1:2;\n", 1, 20, "expected '-' between the low and high multiplexor value, found ':'")]
    public void Parse_MalformedStatement_ThrowsOneLineErrorWithPosition(string text, int line, int column, string message)
    {
        var error = ParseFails(text);

        Assert.Equal($"demo.dbc:{line}:{column}: {message}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_MultiplexedSignalWithoutMultiplexor_PointsAtTheSignal()
    {
        var error = ParseFails("BO_ 1 S: 8 ESP\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n SG_ B m2 : 8|8@1+ (1,0) [0|0] \"\" X\n");

        Assert.Equal("demo.dbc:3:2: expected a multiplexor signal (M) in message 'S' for multiplexed signal 'B', found 'B'", error.Message);
    }

    [Fact]
    public void Parse_Float32ValueTypeOnA16BitSignal_IsRejected()
    {
        var error = ParseFails("BO_ 1 S: 8 ESP\n SG_ A : 0|16@1+ (1,0) [0|0] \"\" X\nSIG_VALTYPE_ 1 A : 1;\n");

        Assert.Equal("demo.dbc:3:20: expected a value type that fits 'A' (16 bits; float32 needs 32, float64 needs 64), found '1'", error.Message);
    }

    [Fact]
    public void Parse_SgMulValNamingAMissingMultiplexor_IsRejected()
    {
        var error = ParseFails("BO_ 1 S: 8 ESP\n SG_ A m1 : 0|8@1+ (1,0) [0|0] \"\" X\nSG_MUL_VAL_ 1 A Nope 1-1;\n");

        Assert.Equal("demo.dbc:3:1: expected a multiplexor signal of message 'S', found 'Nope'", error.Message);
    }

    [Fact]
    public void Load_BadFile_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("broken.dbc");
        File.WriteAllText(path, "BO_ 1 S: 8 ESP\n SG_ A : 0|8@1+ (1,0) [0 0] \"\" X\n");

        var error = Assert.Throws<DbcFormatException>(() => DbcFile.Load(path));

        Assert.Equal(path, error.File);
        Assert.StartsWith(path + ":2:26: expected '|' between min and max, found '0'", error.Message);
    }
}
