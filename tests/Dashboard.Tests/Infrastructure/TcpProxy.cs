using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Forwards a loopback port to a server: <see cref="Stop"/> drops every connection and refuses new ones, as a database
/// server that went away; <see cref="Start"/> brings it back on the same port.
/// </summary>
public sealed class TcpProxy(int targetPort) : IDisposable
{
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;

    public int Port { get; private set; }

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Client.Close(0);
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, targetPort);
                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(server);
                }

                _ = PumpAsync(client, server);
                _ = PumpAsync(server, client);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // One side closed.
        }
        finally
        {
            to.Client.Close(0);
        }
    }
}
