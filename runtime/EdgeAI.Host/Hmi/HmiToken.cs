using System.Security.Cryptography;
using System.Text;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// The HMI's access token: 32 random bytes (base64url), generated at the first start into the state folder with mode
/// 0600 and read back afterwards, so a head unit configured once keeps working across restarts. Whoever can read the
/// state folder may use the HMI; nobody else can.
/// </summary>
public static class HmiToken
{
    /// <summary>The token's file name in the state folder.</summary>
    public const string FileName = "hmi.token";

    /// <summary>The token in <paramref name="stateFolder"/>, created (mode 0600) when absent.</summary>
    /// <exception cref="InvalidDataException">the file exists but holds no usable token.</exception>
    public static string LoadOrCreate(string stateFolder)
    {
        Directory.CreateDirectory(stateFolder);
        string path = Path.Combine(stateFolder, FileName);
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path).Trim();
            if (existing.Length < 20 || !IsTokenText(existing))
                throw new InvalidDataException($"{path}: expected one base64url token of at least 20 characters; delete the file to make a new one");
            return existing;
        }
        string token = NewSecret();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options)) file.Write(Encoding.ASCII.GetBytes(token + "\n"));
        return token;
    }

    /// <summary>A fresh random secret (32 bytes, base64url without padding).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares in constant time (the token is a secret).</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));

    private static bool IsTokenText(string text)
    {
        foreach (char c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }
}
