using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAI.Inference.Models;

/// <summary>Source-generated reader of <c>models/manifest.json</c> (no reflection, so the CLI can be compiled ahead of time).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
