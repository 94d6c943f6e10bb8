namespace EdgeAI.Services.Energy;

/// <summary>A vehicle profile (JSON or SUMO vType) that cannot be read: the message names the file and the field.</summary>
public sealed class VehicleProfileFormatException(string path, string field, string message)
    : Exception($"{path}: {field}: {message}")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The field (JSON property or SUMO param key) at fault.</summary>
    public string Field { get; } = field;
}
