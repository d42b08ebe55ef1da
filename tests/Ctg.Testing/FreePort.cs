using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Ctg.Testing;

public static class FreePort
{
    /// <summary>Where the ports come from: below the ephemeral range. A port the OS hands out as "free" (bind to 0) is
    /// taken from the ephemeral range, from which every outgoing connection also takes its local port, so between
    /// choosing it and the service binding it, a connection of another test could take it ("address already in use").</summary>
    private const int First = 20000;

    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A loopback port free right now, never handed out before by this process.</summary>
    public static int Next()
    {
        var last = EphemeralRangeStart() - 1;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, last + 1);
            if (HandedOut.TryAdd(port, true) && IsFree(port)) return port;
        }

        // The range below the ephemeral one is crowded: fall back to the OS's choice.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range), 32768 elsewhere.</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var start) && start > First + 1000 ? start : 32768;
        }
        catch (IOException)
        {
            return 32768;
        }
        catch (UnauthorizedAccessException)
        {
            return 32768;
        }
    }
}
