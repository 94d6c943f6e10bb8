using System.Text;
using EdgeAI.Can.Dbc;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Dbc;

public class DbcParserTests
{
    private const string Header = """
        VERSION "2.3.1"

        NS_ :
        	NS_DESC_
        	CM_
        	BA_DEF_
        	BA_
        	VAL_
        	SIG_VALTYPE_
        	SG_MUL_VAL_

        BS_:

        BU_: Engine Gateway  Dash

        """;

    private static DbcFile Parse(string body) => DbcFile.Parse(Header + body, "test.dbc");

    [Fact]
    public void Parse_HeaderKeywords_KeepsVersionAndNodes()
    {
        var file = Parse("");

        Assert.Equal("2.3.1", file.Version);
        Assert.Equal(["Engine", "Gateway", "Dash"], file.Nodes.Select(n => n.Name));
        Assert.Empty(file.Messages);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_MessageAndSignal_KeepsEveryField()
    {
        var file = Parse("""
            BO_ 291 EngineData: 8 Engine
             SG_ EngineSpeed : 8|16@1+ (0.125,-10) [0|8000] "rpm" Gateway,Dash
             SG_ Torque : 39|12@0- (0.5,0) [-1000|1000.5] "N m" Dash
             SG_ Spare : 60|4@1+ (1,0) [0|0] "" Vector__XXX

            """);

        var message = Assert.Single(file.Messages);
        Assert.Equal((291u, false, "EngineData", 8, "Engine"), (message.Id, message.IsExtended, message.Name, message.Size, message.Sender));
        Assert.False(message.IsFd);
        Assert.Null(message.CycleTimeMs);
        var speed = message.Signals[0];
        Assert.Equal(("EngineSpeed", 8, 16, DbcByteOrder.LittleEndian, false), (speed.Name, speed.StartBit, speed.Length, speed.ByteOrder, speed.IsSigned));
        Assert.Equal((0.125, -10.0, 0.0, 8000.0, "rpm"), (speed.Factor, speed.Offset, speed.Minimum, speed.Maximum, speed.Unit));
        Assert.Equal(["Gateway", "Dash"], speed.Receivers);
        Assert.Equal(DbcValueType.Integer, speed.ValueType);
        Assert.Equal(DbcMultiplexRole.None, speed.MultiplexRole);
        var torque = message.Signals[1];
        Assert.Equal((39, 12, DbcByteOrder.BigEndian, true, 1000.5, "N m"), (torque.StartBit, torque.Length, torque.ByteOrder, torque.IsSigned, torque.Maximum, torque.Unit));
        Assert.Equal(["Vector__XXX"], message.Signals[2].Receivers);
        Assert.Equal(1, message.IndexOf("Torque"));
    }

    [Fact]
    public void Parse_MessageIdWithBit31_IsExtended()
    {
        var file = Parse("BO_ 2566869221 Charger: 8 Engine\n SG_ Volts : 7|16@0+ (0.1,0) [0|1000] \"V\" Dash\n");

        var message = Assert.Single(file.Messages);
        Assert.True(message.IsExtended);
        Assert.Equal(0x18FF50E5u, message.Id);
        Assert.Equal(0x98FF50E5u, message.RawId);
    }

    [Fact]
    public void Parse_IdAbove2047WithoutBit31_IsA29BitIdWithAWarning()
    {
        // As opendbc's chrysler_cusw.dbc writes its blind-spot messages.
        var file = Parse("BO_ 103596083 BSM_LEFT: 8 XXX\n SG_ LEFT_DETECTED : 21|1@0+ (1,0) [0|1] \"\" XXX\nCM_ SG_ 103596083 LEFT_DETECTED \"car on the left\";\n");

        var message = Assert.Single(file.Messages);
        Assert.Equal((0x062CC033u, true, 103596083u), (message.Id, message.IsExtended, message.RawId));
        Assert.Equal("car on the left", message.Signals[0].Comment);
        Assert.Equal("test.dbc:15:5: message 'BSM_LEFT' has id 103596083, above 2047 without bit 31: read as the 29-bit id 0x062CC033", Assert.Single(file.Warnings));
        Assert.Empty(file.SeriousWarnings);
        var database = file.Compile();
        Assert.True(database.TryGetDecoder(0x062CC033u, extended: true, out _));
        Assert.False(database.TryGetDecoder(0x062CC033u, extended: false, out _));
    }

    [Fact]
    public void Parse_NamesStartingWithDigits_AreReadWhereverAMessageOrSignalIsNamed()
    {
        // mazda_2017.dbc names messages 2017_5 and signals 5_SEC_DISABLE_TIMER; psa_aee2010_r3.dbc has 0_CHECKSUM.
        var file = Parse("""
            BO_ 1275 2017_5: 8 XXX
             SG_ 0_MUX M : 0|8@1+ (1,0) [0|255] "" XXX
             SG_ 5_SEC_TIMER m1 : 8|3@0+ (1,0) [0|7] "" XXX
             SG_ 0_CHECKSUM : 32|32@1+ (1,0) [0|0] "" XXX
            CM_ SG_ 1275 0_CHECKSUM "TODO: find checksum";
            BA_DEF_ SG_ "GenSigStartValue" INT 0 100;
            BA_ "GenSigStartValue" SG_ 1275 5_SEC_TIMER 3;
            VAL_ 1275 5_SEC_TIMER 0 "off" 7 "max" ;
            SIG_VALTYPE_ 1275 0_CHECKSUM : 1;
            SG_MUL_VAL_ 1275 5_SEC_TIMER 0_MUX 1-2;
            SIG_GROUP_ 1275 Timers 1 : 5_SEC_TIMER 0_CHECKSUM;

            """);

        var message = Assert.Single(file.Messages);
        Assert.Equal("2017_5", message.Name);
        Assert.Equal(["0_MUX", "5_SEC_TIMER", "0_CHECKSUM"], message.Signals.Select(s => s.Name));
        var timer = message.Signals[1];
        Assert.Equal(message.Signals[0], timer.Multiplexer);
        Assert.Equal(new DbcMultiplexRange(1, 2), Assert.Single(timer.MultiplexValues));
        Assert.Equal("off", timer.ValueDescriptions!.Labels[0]);
        Assert.Equal(3, timer.Attributes["GenSigStartValue"].Number);
        Assert.Equal("TODO: find checksum", message.Signals[2].Comment);
        Assert.Equal(DbcValueType.Float32, message.Signals[2].ValueType);
        Assert.Equal(["5_SEC_TIMER", "0_CHECKSUM"], Assert.Single(message.SignalGroups).SignalNames);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_ValueDescriptionsWithoutSemicolon_EndAtTheNextStatementOrTheFileEnd()
    {
        // As mazda_2017.dbc ends its last two VAL_ lines.
        var file = Parse("BO_ 1143 BSM: 8 XXX\n SG_ LEFT : 0|2@1+ (1,0) [0|3] \"\" XXX\n SG_ RIGHT : 2|2@1+ (1,0) [0|3] \"\" XXX\n"
            + "VAL_ 1143 LEFT 0 \"none\" 1 \"object\"\nVAL_ 1143 RIGHT 0 \"none\" 2 \"warning\"");

        var signals = Assert.Single(file.Messages).Signals;
        Assert.Equal("object", signals[0].ValueDescriptions!.Labels[1]);
        Assert.Equal("warning", signals[1].ValueDescriptions!.Labels[2]);
        Assert.Equal(2, file.Warnings.Count);
        Assert.EndsWith("VAL_ ends without ';' (read up to the next statement)", file.Warnings[0]);
        Assert.EndsWith("VAL_ ends without ';' (read up to the end of the file)", file.Warnings[1]);
        Assert.Empty(file.SeriousWarnings);
    }

    [Fact]
    public void Parse_ScientificNumbersAndExtraSpaces_AreRead()
    {
        var file = Parse("BO_ 1 M : 8 Engine\n SG_ S :  0 | 8 @ 1 - ( 1E-003 , -1.5e+2 ) [ -3.4E+038 | 3.4E+038 ] \"\"  Dash\n");

        var signal = file.Messages[0].Signals[0];
        Assert.Equal((0.001, -150.0, -3.4e38, 3.4e38, true), (signal.Factor, signal.Offset, signal.Minimum, signal.Maximum, signal.IsSigned));
    }

    [Fact]
    public void Parse_SimpleMultiplexing_LinksSignalsToTheirMultiplexor()
    {
        var file = Parse("""
            BO_ 100 Cells: 8 Engine
             SG_ Page M : 0|8@1+ (1,0) [0|3] "" Dash
             SG_ CellA m0 : 8|16@1+ (0.001,0) [0|5] "V" Dash
             SG_ CellB m1 : 8|16@1+ (0.001,0) [0|5] "V" Dash
             SG_ Always : 56|8@1+ (1,0) [0|255] "" Dash

            """);

        var signals = file.Messages[0].Signals;
        Assert.Equal(DbcMultiplexRole.Multiplexor, signals[0].MultiplexRole);
        Assert.True(signals[0].IsMultiplexor);
        Assert.Equal(DbcMultiplexRole.Multiplexed, signals[2].MultiplexRole);
        Assert.Same(signals[0], signals[2].Multiplexer);
        Assert.Equal([new DbcMultiplexRange(1, 1)], signals[2].MultiplexValues);
        Assert.Null(signals[3].Multiplexer);
        Assert.Empty(signals[3].MultiplexValues);
    }

    [Fact]
    public void Parse_ExtendedMultiplexing_UsesSgMulValRanges()
    {
        var file = Parse("""
            BO_ 100 Diag: 8 Engine
             SG_ Service M : 0|8@1+ (1,0) [0|0] "" Dash
             SG_ Sub m1M : 8|8@1+ (1,0) [0|0] "" Dash
             SG_ Value m3 : 16|16@1+ (1,0) [0|0] "" Dash

            SG_MUL_VAL_ 100 Sub Service 1-1, 4-6;
            SG_MUL_VAL_ 100 Value Sub 3-3,8-10 ;
            """);

        var signals = file.Messages[0].Signals;
        Assert.Equal(DbcMultiplexRole.MultiplexedMultiplexor, signals[1].MultiplexRole);
        Assert.Same(signals[0], signals[1].Multiplexer);
        Assert.Equal([new DbcMultiplexRange(1, 1), new DbcMultiplexRange(4, 6)], signals[1].MultiplexValues);
        Assert.Same(signals[1], signals[2].Multiplexer);
        Assert.Equal([new DbcMultiplexRange(3, 3), new DbcMultiplexRange(8, 10)], signals[2].MultiplexValues);
    }

    [Fact]
    public void Parse_SigValType_MakesFloatSignals()
    {
        var file = Parse("""
            BO_ 1 Floats: 16 Engine
             SG_ Single : 0|32@1- (1,0) [0|0] "" Dash
             SG_ Double : 64|64@1- (1,0) [0|0] "" Dash

            SIG_VALTYPE_ 1 Single : 1;
            SIG_VALTYPE_ 1 Double : 2;
            """);

        Assert.Equal(DbcValueType.Float32, file.Messages[0].Signals[0].ValueType);
        Assert.Equal(DbcValueType.Float64, file.Messages[0].Signals[1].ValueType);
    }

    [Fact]
    public void Parse_ValAndValTable_GiveLabelsWithoutCopying()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash
             SG_ Temp : 8|8@1+ (1,-40) [-40|215] "degC" Dash

            VAL_TABLE_ GearTable 3 "D" 2 "N" 1 "R" 0 "P" ;
            VAL_ 10 Gear 0 "P" 1 "R" 2 "N" 3 "D" 7 "Invalid" ;
            VAL_ 10 Temp -1 "Unknown" 255 "Error" ;
            """);

        Assert.Equal("D", file.ValueTables["GearTable"].Labels[3]);
        var gear = file.Messages[0].Signals[0];
        Assert.True(gear.TryGetLabel(7, out var label));
        Assert.Equal("Invalid", label);
        Assert.Same(gear.ValueDescriptions!.Labels[7], label);
        Assert.False(gear.TryGetLabel(5, out _));
        var temp = file.Messages[0].Signals[1];
        Assert.True(temp.TryGetLabelForPhysical(215, out var error));
        Assert.Equal("Error", error);
        Assert.Equal("Unknown", temp.ValueDescriptions!.Labels[-1]);
    }

    [Fact]
    public void Parse_Comments_AttachToFileNodeMessageSignalAndVariable()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash

            EV_ Ignition: 0 [0|1] "" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;
            CM_ "Whole bus";
            CM_ BU_ Engine "Engine controller";
            CM_ BO_ 10 "Drive state";
            CM_ SG_ 10 Gear "Selected gear,
            second line with a \"quote\"";
            CM_ EV_ Ignition "Key position";
            """);

        Assert.Equal("Whole bus", file.Comment);
        Assert.Equal("Engine controller", file.Nodes[0].Comment);
        Assert.Equal("Drive state", file.Messages[0].Comment);
        Assert.Equal("Selected gear,\nsecond line with a \"quote\"", file.Messages[0].Signals[0].Comment);
        Assert.Equal("Key position", file.EnvironmentVariables[0].Comment);
    }

    [Fact]
    public void Parse_AttributeDefinitionsDefaultsAndValues_ResolveOnEveryObjectKind()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash
            BO_ 11 Event: 8 Engine
             SG_ Flag : 0|1@1+ (1,0) [0|1] "" Dash

            EV_ Ignition: 0 [0|1] "" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;
            BA_DEF_ "BusType" STRING ;
            BA_DEF_ BU_ "NodeAddress" HEX 0 255;
            BA_DEF_ BO_ "GenMsgCycleTime" INT 0 65535;
            BA_DEF_ BO_ "GenMsgSendType" ENUM "Cyclic","Event";
            BA_DEF_ SG_ "GenSigStartValue" FLOAT -1E+9 1E+9;
            BA_DEF_ EV_ "EvFlag" INT 0 1;
            BA_DEF_REL_ BU_SG_REL_ "RelAttr" INT 0 10;
            BA_DEF_DEF_ "BusType" "CAN";
            BA_DEF_DEF_ "NodeAddress" 0;
            BA_DEF_DEF_ "GenMsgCycleTime" 0;
            BA_DEF_DEF_ "GenMsgSendType" "Cyclic";
            BA_DEF_DEF_ "GenSigStartValue" 0;
            BA_DEF_DEF_ "EvFlag" 0;
            BA_DEF_DEF_REL_ "RelAttr" 1;
            BA_ "BusType" "CAN FD";
            BA_ "NodeAddress" BU_ Engine 17;
            BA_ "GenMsgCycleTime" BO_ 10 100;
            BA_ "GenMsgSendType" BO_ 11 1;
            BA_ "GenSigStartValue" SG_ 10 Gear 2.5;
            BA_ "EvFlag" EV_ Ignition 1;
            BA_REL_ "RelAttr" BU_SG_REL_ Engine SG_ 10 Gear 3;
            """);

        Assert.Equal(DbcAttributeKind.Enum, file.AttributeDefinitions["GenMsgSendType"].Kind);
        Assert.Equal(["Cyclic", "Event"], file.AttributeDefinitions["GenMsgSendType"].EnumValues);
        Assert.Equal((0.0, 65535.0), (file.AttributeDefinitions["GenMsgCycleTime"].Minimum, file.AttributeDefinitions["GenMsgCycleTime"].Maximum));
        Assert.Equal(DbcAttributeTarget.Relation, file.AttributeDefinitions["RelAttr"].Target);
        Assert.Equal("CAN FD", file.BusType);
        Assert.Equal(17, file.Nodes[0].Attributes["NodeAddress"].Number);
        Assert.Equal(0, file.Nodes[1].Attributes["NodeAddress"].Number);
        Assert.Equal(100, file.Messages[0].CycleTimeMs);
        Assert.Null(file.Messages[1].CycleTimeMs);
        Assert.Equal("Cyclic", file.Messages[0].Attributes["GenMsgSendType"].Text);
        Assert.Equal(("Event", 1.0), (file.Messages[1].Attributes["GenMsgSendType"].Text, file.Messages[1].Attributes["GenMsgSendType"].Number));
        Assert.Equal(2.5, file.Messages[0].Signals[0].Attributes["GenSigStartValue"].Number);
        Assert.Equal(0, file.Messages[1].Signals[0].Attributes["GenSigStartValue"].Number);
        Assert.Equal(1, file.EnvironmentVariables[0].Attributes["EvFlag"].Number);
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("14", true)]
    [InlineData("15", true)]
    [InlineData("\"StandardCAN_FD\"", true)]
    [InlineData("0", false)]
    public void Parse_VFrameFormat_MarksCanFdMessages(string value, bool fd)
    {
        var file = Parse($"""
            BO_ 10 Short: 8 Engine
             SG_ A : 0|8@1+ (1,0) [0|0] "" Dash

            BA_DEF_ BO_ "VFrameFormat" ENUM "StandardCAN","ExtendedCAN","reserved","J1939PG","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","reserved","StandardCAN_FD","ExtendedCAN_FD";
            BA_DEF_DEF_ "VFrameFormat" "StandardCAN";
            BA_ "VFrameFormat" BO_ 10 {value};
            """);

        Assert.Equal(fd, file.Messages[0].IsFd);
    }

    [Fact]
    public void Parse_MessageLongerThan8Bytes_IsFdEvenWithoutVFrameFormat()
    {
        var file = Parse("BO_ 10 Long: 10 Engine\n SG_ A : 72|8@1+ (1,0) [0|0] \"\" Dash\n");

        Assert.True(file.Messages[0].IsFd);
        Assert.Equal(12, file.Compile().Decoders[0].FrameLength); // 10 bytes is no CAN FD length: the next one is 12
    }

    [Fact]
    public void Parse_ProtocolTypeJ1939_MarksExtendedMessagesAsJ1939()
    {
        var file = Parse("""
            BO_ 2364540158 EEC1: 8 Engine
             SG_ EngineSpeed : 24|16@1+ (0.125,0) [0|8031.875] "rpm" Dash
            BO_ 100 Plain: 8 Engine
             SG_ A : 0|8@1+ (1,0) [0|0] "" Dash

            BA_DEF_ "ProtocolType" STRING ;
            BA_DEF_DEF_ "ProtocolType" "";
            BA_ "ProtocolType" "J1939";
            """);

        Assert.True(file.IsJ1939);
        Assert.True(file.Messages[0].IsJ1939);
        Assert.False(file.Messages[1].IsJ1939);
    }

    [Fact]
    public void Parse_EnvironmentVariablesGroupsAndTransmitters_AreKept()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash
             SG_ Mode : 3|2@1+ (1,0) [0|3] "" Dash

            BO_TX_BU_ 10 : Engine,Gateway;
            EV_ Ignition: 0 [0|3] "pos" 1 7 DUMMY_NODE_VECTOR8000 Engine, Dash;
            EV_ Blob: 2 [0|0] "" 0 8 DUMMY_NODE_VECTOR0 Vector__XXX;
            ENVVAR_DATA_ Blob: 12;
            VAL_ Ignition 0 "Off" 1 "Acc" 2 "On" 3 "Start" ;
            SIG_GROUP_ 10 DriveGroup 1 : Gear Mode;
            """);

        Assert.Equal(["Engine", "Gateway"], file.Messages[0].Transmitters);
        var ignition = file.EnvironmentVariables[0];
        Assert.Equal(("Ignition", 0, 0.0, 3.0, "pos", 1.0, 7L, "DUMMY_NODE_VECTOR8000"), (ignition.Name, ignition.Type, ignition.Minimum, ignition.Maximum, ignition.Unit, ignition.Initial, ignition.Id, ignition.AccessType));
        Assert.Equal(["Engine", "Dash"], ignition.AccessNodes);
        Assert.Equal("Start", ignition.ValueDescriptions!.Labels[3]);
        Assert.Equal(12, file.EnvironmentVariables[1].DataSize);
        var group = Assert.Single(file.Messages[0].SignalGroups);
        Assert.Equal(("DriveGroup", 1), (group.Name, group.Repetitions));
        Assert.Equal(["Gear", "Mode"], group.SignalNames);
    }

    [Fact]
    public void Parse_UnknownStatements_AreSkippedWithAWarningAndParsingGoesOn()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash

            FANCY_NEW_THING_ 10 "with ; inside a string" 42;
            SGTYPE_ Speed : 16@1+ (1,0) [0|0] "" 0, Vector__XXX;
            CAT_DEF_ 1 Cat 0;
            BA_REL_ "X" BU_BO_REL_ Engine 10 1;
            VAL_ 10 Gear 1 "R" ;
            """);

        Assert.Equal("R", file.Messages[0].Signals[0].ValueDescriptions!.Labels[1]);
        var warning = Assert.Single(file.Warnings);
        Assert.StartsWith("test.dbc:", warning);
        Assert.Contains("FANCY_NEW_THING_", warning);
    }

    [Fact]
    public void Parse_StatementsNamingUnknownObjects_AreIgnoredWithWarnings()
    {
        var file = Parse("""
            BO_ 10 Drive: 8 Engine
             SG_ Gear : 0|3@1+ (1,0) [0|7] "" Dash

            CM_ BO_ 99 "no such message";
            VAL_ 10 Nope 1 "x" ;
            BA_DEF_ BO_ "GenMsgCycleTime" INT 0 1000;
            BA_ "GenMsgCycleTime" BO_ 99 10;
            """);

        Assert.Equal(3, file.Warnings.Count);
        Assert.Contains(file.Warnings, w => w.Contains("unknown message id 99"));
        Assert.Contains(file.Warnings, w => w.Contains("'Nope'"));
    }

    [Fact]
    public void Parse_CrLfLineEndingsAndSlashComments_AreAccepted()
    {
        string text = (Header + "// a comment line\nBO_ 10 Drive: 8 Engine\n SG_ Gear : 0|3@1+ (1,0) [0|7] \"\" Dash\n\nCM_ BO_ 10 \"x\";\n").Replace("\n", "\r\n");

        var file = DbcFile.Parse(text, "crlf.dbc");

        Assert.Equal("x", file.Messages[0].Comment);
        Assert.Equal(["Dash"], file.Messages[0].Signals[0].Receivers);
    }

    [Fact]
    public void Load_Latin1File_ReadsUnitsWithDegreeSign()
    {
        using var dir = new TempDirectory();
        string path = dir.File("latin1.dbc");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(Header + "BO_ 10 Climate: 8 Engine\n SG_ Temp : 0|8@1+ (1,-40) [-40|215] \"°C\" Dash\n"));

        var file = DbcFile.Load(path);

        Assert.Equal(path, file.Name);
        Assert.Equal("°C", file.Messages[0].Signals[0].Unit);
    }

    [Theory]
    [InlineData(3221225472u)] // 0xC0000000, as CANdb++ writes it
    [InlineData(1073741824u)] // 0x40000000, without the extended bit, in some exports
    public void Parse_IndependentSignalsPseudoMessage_IsKeptButNotDecodable(uint id)
    {
        var file = Parse($"BO_ {id} VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX\n SG_ Orphan : 0|8@1+ (1,0) [0|0] \"\" Vector__XXX\nBO_ 100 Real: 1 Engine\n");

        Assert.Equal(2, file.Messages.Count);
        Assert.Equal("Real", Assert.Single(file.Compile().Decoders).Message.Name);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Parse_MessageWithoutSignalsOrSender_IsAccepted()
    {
        var file = Parse("BO_ 5 Empty: 0\nBO_ 6 Other: 2 Engine\n");

        Assert.Equal(["Empty", "Other"], file.Messages.Select(m => m.Name));
        Assert.Equal("Vector__XXX", file.Messages[0].Sender);
    }

    [Fact]
    public void Parse_SignalsNoFrameCanHold_AreSkippedWithWarnings()
    {
        // As in J1939 databases, where transport-protocol data is declared as one 1600-bit signal.
        var file = Parse("""
            BO_ 2158493696 DISP1: 8 Vector__XXX
             SG_ Text_Display_Index : 16|8@1+ (1,0) [0|255] "" Vector__XXX
             SG_ Text_Display_Character : 24|1600@1+ (1,0) [0|4.446241647709404462001681407E+481] "" Vector__XXX
             SG_ PastTheEnd : 510|8@1+ (1,0) [0|0] "" Vector__XXX

            """);

        Assert.Equal(["Text_Display_Index"], file.Messages[0].Signals.Select(s => s.Name));
        Assert.Equal(2, file.Warnings.Count);
        Assert.StartsWith("test.dbc:", file.Warnings[0]);
        Assert.Contains("'Text_Display_Character' of message 'DISP1' (1600 bits from bit 24)", file.Warnings[0]);
    }

    [Fact]
    public void Parse_LongSymbolAttributes_GiveTheWholeNames()
    {
        var file = Parse("""
            BO_ 10 EngineTemperatureAndPressure_: 8 Engine
             SG_ Engine_Coolant_Temperature_Sens : 0|8@1+ (1,-40) [0|0] "degC" Dash

            BA_DEF_ BO_ "SystemMessageLongSymbol" STRING ;
            BA_DEF_ SG_ "SystemSignalLongSymbol" STRING ;
            BA_DEF_ BU_ "SystemNodeLongSymbol" STRING ;
            BA_DEF_DEF_ "SystemMessageLongSymbol" "";
            BA_DEF_DEF_ "SystemSignalLongSymbol" "";
            BA_DEF_DEF_ "SystemNodeLongSymbol" "";
            BA_ "SystemMessageLongSymbol" BO_ 10 "EngineTemperatureAndPressureReport";
            BA_ "SystemSignalLongSymbol" SG_ 10 Engine_Coolant_Temperature_Sens "Engine_Coolant_Temperature_Sensor_1";
            BA_ "SystemNodeLongSymbol" BU_ Engine "EngineControlModuleWithLongName";
            """);

        var message = file.Messages[0];
        Assert.Equal("EngineTemperatureAndPressureReport", message.Name);
        Assert.Equal("Engine_Coolant_Temperature_Sensor_1", message.Signals[0].Name);
        Assert.Equal(0, message.IndexOf("Engine_Coolant_Temperature_Sensor_1"));
        Assert.Equal("EngineControlModuleWithLongName", file.Nodes[0].Name);
        Assert.Equal("Gateway", file.Nodes[1].Name);
        Assert.True(file.Compile().TryGetDecoder("EngineTemperatureAndPressureReport", out _));
    }
}
