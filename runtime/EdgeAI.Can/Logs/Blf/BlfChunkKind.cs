namespace EdgeAI.Can.Logs.Blf;

/// <summary>What one step of <see cref="BlfContainerReader"/> found.</summary>
internal enum BlfChunkKind
{
    /// <summary>Inner-object bytes: a container's data, or an object stored outside any container.</summary>
    Data,
    /// <summary>A container skipped as bad (SkipBad): whatever began before it cannot be finished.</summary>
    Lost,
    /// <summary>The end of the file.</summary>
    End,
    /// <summary>An error, to be thrown on the reading thread.</summary>
    Failed,
}
