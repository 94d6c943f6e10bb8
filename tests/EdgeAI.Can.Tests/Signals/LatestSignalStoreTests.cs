using EdgeAI.Can.Dbc;
using EdgeAI.Can.Signals;

namespace EdgeAI.Can.Tests.Signals;

public class LatestSignalStoreTests
{
    private const string Dbc = """
        VERSION ""
        BU_: BMS
        BO_ 497 Cells: 8 BMS
         SG_ Page M : 0|8@1+ (1,0) [0|1] "" BMS
         SG_ CellA m0 : 8|16@1+ (0.001,0) [0|5] "V" BMS
         SG_ CellB m1 : 8|16@1+ (0.001,0) [0|5] "V" BMS
        VAL_ 497 Page 0 "First" 1 "Second" ;
        """;

    [Fact]
    public void Update_MultiplexedPages_KeepEachPagesLastValue()
    {
        var store = new LatestSignalStore(DbcFile.Parse(Dbc, "cells.dbc").Compile());
        var cellA = store.Find("CellA");
        var cellB = store.Find("Cells.CellB");

        Assert.False(store.TryGet(cellA, out _));
        store.Update(new CanFrame(497, [0, 0xB8, 0x0E], timestampNs: 10)); // page 0, 0x0EB8 = 3768 mV
        store.Update(new CanFrame(497, [1, 0xA4, 0x0E], timestampNs: 20)); // page 1, 0x0EA4 = 3748 mV

        Assert.Equal(3.768, store.Get(cellA), 9);
        Assert.Equal(3.748, store.Get(cellB), 9);
        Assert.Equal(10, store.TimeOf(cellA));
        Assert.True(store.TryGetLabel(store.Find("Page"), out string label));
        Assert.Equal("Second", label);
    }

    [Fact]
    public void Update_UnknownId_CountsButDoesNotDecode()
    {
        var store = new LatestSignalStore(DbcFile.Parse(Dbc, "cells.dbc").Compile());

        Assert.False(store.Update(new CanFrame(0x123, [1])));
        Assert.Equal(1, store.Frames);
        Assert.Equal(0, store.Decoded);
        Assert.Throws<KeyNotFoundException>(() => store.Find("NoSuchSignal"));
    }
}
