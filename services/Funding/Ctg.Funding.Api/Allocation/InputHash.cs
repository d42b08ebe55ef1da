using System.Security.Cryptography;
using Google.Protobuf;

namespace Ctg.Funding.Api.Allocation;

/// <summary>
/// SHA-256 (lowercase hex) of a canonical serialization of a run's inputs: the protobuf binary encoding
/// of a message without map fields, its repeated fields sorted by id (ordinal) by the reader. Protobuf
/// writes fields in field-number order and omits defaults, so equal inputs give equal bytes everywhere.
/// </summary>
internal static class InputHash
{
    public static string Of(IMessage message) => Convert.ToHexStringLower(SHA256.HashData(message.ToByteArray()));

    /// <summary>Several canonical encodings, each prefixed by its length so that no two splits collide.</summary>
    public static string Of(params byte[][] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
            hash.AppendData(length);
            hash.AppendData(part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
