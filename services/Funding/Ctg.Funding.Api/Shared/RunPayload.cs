using System.IO.Compression;
using Ctg.Funding.Api.Storage;
using Ctg.Funding.V1;
using Google.Protobuf;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// The stored form of a run (allocation_runs.payload): the whole <see cref="AllocationRun"/> as computed, its inputs
/// snapshot and every explanation tree. A payload starts with a format marker: byte 0x00, which no protobuf message can
/// start with (field number 0 is invalid), then the codec. Rows written before the marker existed are plain protobuf, and
/// rows of the first codec are the deflated run: both still read as they are.
/// </summary>
public static class RunPayload
{
    /// <summary>First byte of a payload in a marked format.</summary>
    public const byte Marker = 0x00;

    /// <summary>Second byte, first codec: the run's protobuf bytes deflated (RFC 1951, <see cref="DeflateStream"/>).</summary>
    public const byte Deflated = 0x01;

    /// <summary>Second byte, the codec written now: a <see cref="StoredRun"/> (the trees flat, each text once), deflated.
    /// A national CTG's run: about 78 KiB of plain protobuf, 5 KiB stored, written several times faster than the first
    /// codec, whose nested trees made protobuf size every node once per level above it.</summary>
    public const byte FlatDeflated = 0x02;

    /// <summary>About a national CTG's stored run: sizing the message first would cost a pass over it.</summary>
    private const int InitialCapacity = 8 * 1024;

    public static byte[] Encode(AllocationRun run)
    {
        // The run's trees are lent to the stored form and given back: the caller answers with the same run afterwards.
        var stored = new StoredRun();
        var trees = FlatExplanations.TakeOff(run, stored);
        try
        {
            stored.Run = run;
            using var output = new MemoryStream(InitialCapacity);
            output.WriteByte(Marker);
            output.WriteByte(FlatDeflated);
            using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                stored.WriteTo(deflate);
            }

            return output.ToArray();
        }
        finally
        {
            FlatExplanations.PutBack(run, trees);
        }
    }

    public static AllocationRun Decode(byte[] payload)
    {
        if (payload.Length == 0 || payload[0] != Marker)
        {
            return AllocationRun.Parser.ParseFrom(payload);
        }

        var codec = payload.Length < 2 ? (byte?)null : payload[1];
        if (codec is not (Deflated or FlatDeflated))
        {
            throw new InvalidDataException($"Allocation run payload in an unknown format ({(codec is null ? "truncated" : $"codec {codec}")}).");
        }

        using var deflate = new DeflateStream(new MemoryStream(payload, 2, payload.Length - 2, writable: false), CompressionMode.Decompress);
        return codec == Deflated ? AllocationRun.Parser.ParseFrom(deflate) : FlatExplanations.Read(StoredRun.Parser.ParseFrom(deflate));
    }
}
