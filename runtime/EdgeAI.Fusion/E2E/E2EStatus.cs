namespace EdgeAI.Fusion.E2E;

/// <summary>What <see cref="E2EChecker.Check(in EdgeAI.Can.CanFrame)"/> found in one frame.</summary>
public enum E2EStatus
{
    /// <summary>Checksum right and the counter moved on by 1..<see cref="E2ESpec.MaxDeltaCounter"/> (more when frames
    /// were rejected since the last good one); also every good frame of a message without a counter.</summary>
    Ok,

    /// <summary>The first frame with a right checksum: nothing to compare the counter with yet.</summary>
    Initial,

    /// <summary>The checksum byte is not what the payload gives (or the frame is too short to hold it).</summary>
    ChecksumMismatch,

    /// <summary>Checksum right, but the counter is the one of the last accepted frame: a stuck sender or a replayed frame.</summary>
    CounterRepeated,

    /// <summary>Checksum right, but the counter jumped further than allowed (frames lost) or holds a value the
    /// profile never sends; the received counter becomes the new reference.</summary>
    CounterJump,
}
