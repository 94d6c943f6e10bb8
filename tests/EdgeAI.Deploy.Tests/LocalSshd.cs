using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeAI.TestKit;

namespace EdgeAI.Deploy.Tests;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for one test: its own host key, config and a throw-away client key, run in the
/// foreground (<c>sshd -D -e</c>) and killed on dispose. It logs in the user running the tests.
/// </summary>
public sealed class LocalSshd : IDisposable
{
    private readonly Process _process;

    private LocalSshd(TempDirectory dir, Process process, int port)
    {
        Directory = dir;
        _process = process;
        Port = port;
    }

    /// <summary>Null when sshd and ssh are installed; otherwise why not.</summary>
    public static string? MissingReason =>
        !File.Exists("/usr/sbin/sshd") ? "sshd is not installed (apt-get install openssh-server; ./test.sh does)"
        : ExternalTool.MissingProgramReason("ssh", "openssh-client") ?? ExternalTool.MissingProgramReason("ssh-keygen", "openssh-client");

    /// <summary>Where the keys, config and known_hosts live.</summary>
    public TempDirectory Directory { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The client's private key.</summary>
    public string Identity => Directory.File("client_key");

    /// <summary>The client's known_hosts (filled on first connect).</summary>
    public string KnownHosts => Directory.File("known_hosts");

    /// <summary>user@127.0.0.1 for the user running the tests.</summary>
    public string Destination => $"{Environment.UserName}@127.0.0.1";

    public static LocalSshd Start()
    {
        var dir = new TempDirectory();
        ExternalTool.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.File("host_key")]);
        ExternalTool.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.File("client_key")]);
        File.Copy(dir.File("client_key.pub"), dir.File("authorized_keys"));
        int port = LoopbackPort.Free();
        File.WriteAllLines(dir.File("sshd_config"),
        [
            $"Port {port}", "ListenAddress 127.0.0.1", $"HostKey {dir.File("host_key")}", $"AuthorizedKeysFile {dir.File("authorized_keys")}",
            $"PidFile {dir.File("sshd.pid")}", "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "Subsystem sftp internal-sftp", "LogLevel ERROR",
        ]);
        // The privilege-separation directory sshd insists on.
        if (Environment.UserName == "root") System.IO.Directory.CreateDirectory("/run/sshd");
        var info = new ProcessStartInfo("/usr/sbin/sshd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-D", "-e", "-f", dir.File("sshd_config")]) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var sshd = new LocalSshd(dir, process, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"sshd exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return sshd;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        sshd.Dispose();
        throw new TimeoutException("sshd did not listen within 10 s");
    }

    /// <summary>The ssh options tools/flash.sh takes for this server.</summary>
    public string[] FlashOptions => ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--identity", Identity, "--known-hosts", KnownHosts];

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        finally
        {
            _process.Dispose();
            Directory.Dispose();
        }
    }
}
