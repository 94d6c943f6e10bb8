using EdgeAI.Can;
namespace EdgeAI.TestKit;

/// <summary>A frame as python-can 4.1 sees it (<c>can.Message</c>), for writing and reading logs with python-can.</summary>
public sealed record PythonCanMessage(
    decimal Timestamp, uint Id, bool Extended, bool Remote, bool Error, bool Fd, bool Brs, bool Esi,
    int Dlc, byte[] Data, int? Channel, bool Rx)
{
    /// <summary>Nanoseconds since the epoch (python-can keeps a float; its repr is parsed exactly).</summary>
    public long TimestampNs => (long)decimal.Round(Timestamp * 1_000_000_000m);

    /// <summary>The message python-can would log for <paramref name="frame"/>; dlc is the data length (the requested DLC for remote frames), as python-can counts it.</summary>
    public static PythonCanMessage From(CanFrame frame) => new(
        frame.TimestampNs / 1_000_000_000m, frame.Id, frame.IsExtended, frame.IsRemote, frame.IsError, frame.IsFd,
        (frame.Flags & CanFlags.Brs) != 0, (frame.Flags & CanFlags.Esi) != 0,
        frame.IsRemote ? frame.Dlc : frame.Length, frame.Data.ToArray(), frame.Channel, (frame.Flags & CanFlags.Tx) == 0);

    public override string ToString() =>
        $"t={Timestamp} id={Id:X} ext={Extended} rtr={Remote} err={Error} fd={Fd} brs={Brs} esi={Esi} dlc={Dlc} data={Convert.ToHexString(Data)} ch={Channel} rx={Rx}";
}
