using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Shared;

/// <summary>
/// What the per-run servers of the tests (<see cref="PostgresServer"/>, <see cref="RedisServer"/>) share: installing
/// Debian's package when it is missing, running their tools, a free loopback port, and stopping by pid at exit.
/// </summary>
internal static class ServerProcesses
{
    /// <summary>Installs <paramref name="package"/> with apt-get (tests run as root on our machines) unless <paramref name="executable"/> exists.</summary>
    public static async Task EnsureInstalledAsync(string executable, string package)
    {
        if (File.Exists(executable))
        {
            return;
        }

        foreach (var arguments in new[] { "update -qq", $"install -y -qq {package}" })
        {
            var info = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(info)!;
            await process.WaitForExitAsync();
        }

        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"These tests need Debian's {package} at {executable}: run `apt-get install -y {package}`.");
        }
    }

    /// <summary>Runs a tool to its end; a non-zero exit fails with what it printed.</summary>
    public static Task RunAsync(string file, string arguments) => RunAsync(new ProcessStartInfo(file, arguments));

    /// <summary>Runs a tool to its end, each argument passed as it is (an empty one included).</summary>
    public static Task RunAsync(string file, IEnumerable<string> arguments) => RunAsync(new ProcessStartInfo(file, arguments));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Signals the pid in <paramref name="pidFile"/> (the server's first line), then a detached shell removes
    /// <paramref name="folder"/> once the server has removed its pid file, since the test host may be ended before that.
    /// </summary>
    public static void Stop(string pidFile, string signal, string folder)
    {
        try
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First().Trim(), out var pid))
            {
                using var kill = Process.Start("kill", $"-{signal} {pid}");
                kill.WaitForExit();
            }

            using var cleanup = Process.Start("sh", ["-c", $"for i in $(seq 100); do [ -e '{pidFile}' ] || break; sleep 0.1; done; rm -rf '{folder}'"]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Best effort at exit: a temp folder left behind is harmless.
        }
    }

    private static async Task RunAsync(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var arguments = info.ArgumentList.Count > 0 ? string.Join(' ', info.ArgumentList) : info.Arguments;
            throw new InvalidOperationException($"{info.FileName} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
