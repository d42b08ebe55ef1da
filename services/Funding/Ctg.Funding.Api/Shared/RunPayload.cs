using System.IO.Compression;
using Ctg.Funding.V1;
using Google.Protobuf;

namespace Ctg.Funding.Api.Shared;

/// <summary>
/// The stored form of a run (allocation_runs.payload): the whole <see cref="AllocationRun"/> as computed (its inputs
/// snapshot and every explanation tree, about 77 KiB of protobuf per national CTG), deflated. A stored payload starts
/// with a format marker: byte 0x00, which no protobuf message can start with (field number 0 is invalid), then the
/// codec. Rows written before the marker existed are plain protobuf and still read as they are.
/// </summary>
public static class RunPayload
{
    /// <summary>First byte of a payload in a marked format.</summary>
    public const byte Marker = 0x00;

    /// <summary>Second byte: the protobuf bytes deflated (RFC 1951, <see cref="DeflateStream"/>).</summary>
    public const byte Deflated = 0x01;

    public static byte[] Encode(AllocationRun run)
    {
        // The explanations repeat the same rule ids, formulas and keys: deflate at its fastest level takes them down to
        // about a seventh, for less time than the database spends writing the plain bytes.
        using var output = new MemoryStream(run.CalculateSize() / 4 + 16);
        output.WriteByte(Marker);
        output.WriteByte(Deflated);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            run.WriteTo(deflate);
        }

        return output.ToArray();
    }

    public static AllocationRun Decode(byte[] payload)
    {
        if (payload.Length == 0 || payload[0] != Marker)
        {
            return AllocationRun.Parser.ParseFrom(payload);
        }

        if (payload.Length < 2 || payload[1] != Deflated)
        {
            throw new InvalidDataException($"Allocation run payload in an unknown format ({(payload.Length < 2 ? "truncated" : $"codec {payload[1]}")}).");
        }

        using var deflate = new DeflateStream(new MemoryStream(payload, 2, payload.Length - 2, writable: false), CompressionMode.Decompress);
        return AllocationRun.Parser.ParseFrom(deflate);
    }
}
