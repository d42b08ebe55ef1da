using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Speaks HTTP/2 (or anything else) byte by byte on a raw socket, to send what no well-behaved
/// client would: garbage, truncated frames, frames on the wrong stream.</summary>
public static class RawHttp2
{
    public const byte Data = 0x0, Headers = 0x1, Settings = 0x4, GoAway = 0x7;
    public const int ProtocolError = 0x1, FrameSizeError = 0x6, CompressionError = 0x9;

    public static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static byte[] Frame(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId & 0x7fffffff);
        payload.CopyTo(frame.AsSpan(9));
        return frame;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>What the server did with what we sent: the HTTP/2 GOAWAY error code if it sent one, the
    /// HTTP/1.1 status line if it answered in HTTP/1.1, and whether it closed the connection.</summary>
    public sealed record Outcome(int? GoAwayError, string? Http1StatusLine, bool Closed, int BytesReceived);

    /// <summary>Connects, sends <paramref name="bytes"/>, optionally half-closes, and reads until the server closes
    /// or <paramref name="timeout"/> passes. Closes with RST (linger 0) so 10,000 runs leave no TIME_WAIT behind.</summary>
    public static async Task<Outcome> SendAsync(int port, byte[] bytes, bool halfClose, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(bytes, SocketFlags.None);
        if (halfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        var closed = false;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                if (read == 0)
                {
                    closed = true;
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            closed = true; // reset by the server
        }

        return Parse(received.ToArray(), closed);
    }

    private static Outcome Parse(byte[] bytes, bool closed)
    {
        if (bytes.AsSpan().StartsWith("HTTP/1."u8))
        {
            var end = Array.IndexOf(bytes, (byte)'\r');
            return new Outcome(null, Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end), closed, bytes.Length);
        }

        int? goAway = null;
        for (var offset = 0; offset + 9 <= bytes.Length;)
        {
            var length = (bytes[offset] << 16) | (bytes[offset + 1] << 8) | bytes[offset + 2];
            if (bytes[offset + 3] == GoAway && offset + 9 + 8 <= bytes.Length)
            {
                goAway = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 9 + 4));
            }

            offset += 9 + length;
        }

        return new Outcome(goAway, null, closed, bytes.Length);
    }
}
