using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Shared;

/// <summary>
/// One Redis server per test run (Debian's <c>redis-server</c>, installed with apt-get when missing), on a temp folder
/// and a free loopback port, nothing saved to disk, stopped by its pid when the run ends. Tests share it and stay apart
/// by a channel prefix of their own (<see cref="ConnectionString"/>): the live feed and SignalR's backplane only use
/// pub/sub channels.
/// </summary>
public sealed class RedisServer
{
    private const string Executable = "/usr/bin/redis-server";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RedisServer? _instance;

    private readonly string _folder;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// A StackExchange.Redis connection string for this server (or <paramref name="port"/>, e.g. a proxy's in front of it)
    /// with a fresh channel prefix: the instances given the same string share their live channels, no one else does.
    /// </summary>
    public string ConnectionString(int? port = null) =>
        $"127.0.0.1:{port ?? Port},channelPrefix=test-{Guid.NewGuid():n}:,connectTimeout=5000";

    public static async Task<RedisServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<RedisServer> StartAsync()
    {
        await ServerProcesses.EnsureInstalledAsync(Executable, "redis-server");
        var folder = Path.Combine(Path.GetTempPath(), $"redis-tests-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        var port = ServerProcesses.FreePort();
        await ServerProcesses.RunAsync(Executable, ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder,
            "--daemonize", "yes", "--pidfile", $"{folder}/redis.pid", "--logfile", $"{folder}/redis.log"]);
        var server = new RedisServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                if (await stream.ReadAsync(buffer) > 0 && buffer[0] == (byte)'+')
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {Port}; see {_folder}/redis.log.");
    }

    /// <summary>Stops the server by the pid in its pid file.</summary>
    private void Stop() => ServerProcesses.Stop(Path.Combine(_folder, "redis.pid"), "TERM", _folder);
}
