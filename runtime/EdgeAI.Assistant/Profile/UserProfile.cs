using System.Text;
using System.Text.Json;

namespace EdgeAI.Assistant.Profile;

/// <summary>
/// What the assistant learned about its user, kept across trips: per suggestion kind, how often it was accepted and
/// dismissed. A kind dismissed more often than accepted starts each trip with a longer cooldown
/// (<see cref="LearnedBackoff"/>). Saved as a small JSON file (atomically: a temporary file, then a rename).
/// </summary>
public sealed class UserProfile
{
    private readonly SortedDictionary<string, (int Accepted, int Dismissed)> _kinds = new(StringComparer.Ordinal);

    /// <summary>Acceptances and dismissals of <paramref name="kind"/>.</summary>
    public (int Accepted, int Dismissed) Of(string kind) => _kinds.TryGetValue(kind, out var c) ? c : (0, 0);

    /// <summary>Counts an acceptance.</summary>
    public void Accepted(string kind) => _kinds[kind] = Of(kind) with { Accepted = Of(kind).Accepted + 1 };

    /// <summary>Counts a dismissal.</summary>
    public void Dismissed(string kind) => _kinds[kind] = Of(kind) with { Dismissed = Of(kind).Dismissed + 1 };

    /// <summary>Extra back-off steps a kind starts with: dismissals beyond acceptances, at most 2.</summary>
    public int LearnedBackoff(string kind) => Math.Clamp(Of(kind).Dismissed - Of(kind).Accepted, 0, 2);

    /// <summary>Reads a profile; an absent file is a new user.</summary>
    /// <exception cref="InvalidDataException">the file is not a profile (one line naming it).</exception>
    public static UserProfile Load(string path)
    {
        var profile = new UserProfile();
        if (!File.Exists(path)) return profile;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty("kinds", out var kinds) || kinds.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: expected {{\"kinds\": {{KIND: {{\"accepted\": N, \"dismissed\": N}}}}}}");
            foreach (var kind in kinds.EnumerateObject())
                profile._kinds[kind.Name] = (kind.Value.GetProperty("accepted").GetInt32(), kind.Value.GetProperty("dismissed").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: expected a user profile ({{\"kinds\": {{KIND: {{\"accepted\": N, \"dismissed\": N}}}}}})");
        }
        return profile;
    }

    /// <summary>Writes the profile atomically.</summary>
    public void Save(string path)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartObject("kinds");
            foreach (var (kind, (accepted, dismissed)) in _kinds)
            {
                json.WriteStartObject(kind);
                json.WriteNumber("accepted", accepted);
                json.WriteNumber("dismissed", dismissed);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
