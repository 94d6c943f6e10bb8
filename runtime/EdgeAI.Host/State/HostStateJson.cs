using System.Text.Json.Serialization;

namespace EdgeAI.Host.State;

/// <summary>Source-generated JSON for the state's stored records (no reflection: the host compiles ahead of time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredStop))]
internal sealed partial class HostStateJson : JsonSerializerContext;
