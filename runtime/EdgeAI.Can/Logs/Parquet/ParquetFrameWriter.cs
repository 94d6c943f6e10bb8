using Parquet;
using Parquet.Schema;

namespace EdgeAI.Can.Logs.Parquet;

/// <summary>
/// Frames as rows: <c>t</c> TIMESTAMP(MICROS, UTC), <c>t_ns</c> INT64, <c>channel</c> STRING, <c>id</c> INT32,
/// <c>extended remote error fd brs esi tx</c> BOOLEAN, <c>dlc</c> INT32 and <c>data</c> BINARY (exactly the frame's bytes).
/// </summary>
public sealed class ParquetFrameWriter : ParquetTableWriter
{
    private static readonly DateTimeDataField T = new("t", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    private static readonly DataField<long> TimeNs = new("t_ns");
    private static readonly DataField<string> Channel = new("channel");
    private static readonly DataField<int> Id = new("id");
    private static readonly DataField<bool> Extended = new("extended");
    private static readonly DataField<bool> Remote = new("remote");
    private static readonly DataField<bool> Error = new("error");
    private static readonly DataField<bool> Fd = new("fd");
    private static readonly DataField<bool> Brs = new("brs");
    private static readonly DataField<bool> Esi = new("esi");
    private static readonly DataField<bool> Tx = new("tx");
    private static readonly DataField<int> Dlc = new("dlc");
    private static readonly DataField<byte[]> Data = new("data");

    /// <summary>The table's columns.</summary>
    public static ParquetSchema Schema { get; } = new(T, TimeNs, Channel, Id, Extended, Remote, Error, Fd, Brs, Esi, Tx, Dlc, Data);

    private readonly DateTime[] _t = new DateTime[RowGroupRows];
    private readonly long[] _ns = new long[RowGroupRows];
    private readonly string[] _channel = new string[RowGroupRows];
    private readonly int[] _id = new int[RowGroupRows];
    private readonly bool[][] _flags = [.. Enumerable.Range(0, 7).Select(_ => new bool[RowGroupRows])];
    private readonly int[] _dlc = new int[RowGroupRows];
    private readonly byte[][] _data = new byte[RowGroupRows][];

    /// <summary>Opens <paramref name="path"/>; nothing appears there until <see cref="ParquetTableWriter.Complete"/>.</summary>
    public ParquetFrameWriter(string path, CanLogWriteOptions? options = null) : base(path, Schema, options?.Channels) { }

    /// <inheritdoc/>
    protected override bool TryBuffer(in CanFrame frame, int row)
    {
        var flags = frame.Flags;
        _t[row] = UtcTime(frame.TimestampNs);
        _ns[row] = frame.TimestampNs;
        _channel[row] = Channels.NameOf(frame.Channel);
        _id[row] = (int)frame.Id;
        _flags[0][row] = (flags & CanFlags.Extended) != 0;
        _flags[1][row] = (flags & CanFlags.Remote) != 0;
        _flags[2][row] = (flags & CanFlags.Error) != 0;
        _flags[3][row] = (flags & CanFlags.Fd) != 0;
        _flags[4][row] = (flags & CanFlags.Brs) != 0;
        _flags[5][row] = (flags & CanFlags.Esi) != 0;
        _flags[6][row] = (flags & CanFlags.Tx) != 0;
        _dlc[row] = frame.Dlc;
        // A row's byte array is reused from the previous row group when the length matches (most ids keep theirs).
        var data = frame.Data;
        ref byte[] slot = ref _data[row];
        if (slot is null || slot.Length != data.Length) slot = new byte[data.Length];
        data.CopyTo(slot);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task WriteColumnsAsync(ParquetRowGroupWriter group, int rows)
    {
        await group.WriteAsync(T, new ReadOnlyMemory<DateTime>(_t, 0, rows));
        await group.WriteAsync(TimeNs, new ReadOnlyMemory<long>(_ns, 0, rows));
        await group.WriteAsync(Channel, new ArraySegment<string>(_channel, 0, rows));
        await group.WriteAsync(Id, new ReadOnlyMemory<int>(_id, 0, rows));
        DataField<bool>[] flagFields = [Extended, Remote, Error, Fd, Brs, Esi, Tx];
        for (int i = 0; i < flagFields.Length; i++)
            await group.WriteAsync(flagFields[i], new ReadOnlyMemory<bool>(_flags[i], 0, rows));
        await group.WriteAsync(Dlc, new ReadOnlyMemory<int>(_dlc, 0, rows));
        await group.WriteAsync(Data, new ArraySegment<byte[]>(_data, 0, rows));
    }
}
