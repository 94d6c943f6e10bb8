namespace EdgeAI.Can.Logs.Blf;

/// <summary>The BLF object types EdgeAI reads or writes (values from Vector's binlog object list).</summary>
internal enum BlfObjectType : uint
{
    CanMessage = 1,
    LogContainer = 10,
    CanErrorExt = 73,
    CanMessage2 = 86,
    CanFdMessage = 100,
    CanFdMessage64 = 101,
}
