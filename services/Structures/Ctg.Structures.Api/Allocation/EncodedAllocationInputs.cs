using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Structures.Allocation;

/// <summary>One <see cref="ConventionAllocationInputs"/> message already in its wire form. The registry keeps every
/// structure, reference and declaration as its protobuf encoding, which is exactly what the answer's repeated fields
/// carry (a length-delimited field holds the nested message's bytes): the stored bytes are framed into the answer
/// as they are, never decoded and encoded again. Clients read an ordinary <see cref="ConventionAllocationInputs"/>.</summary>
internal sealed class EncodedAllocationInputs
{
    private const int ConventionIdField = 1;
    private const int StructuresField = 2;
    private const int ReferencesField = 3;
    private const int DeclarationsField = 4;

    private EncodedAllocationInputs(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>Writes these bytes as the response message; the server never reads one.</summary>
    public static readonly Marshaller<EncodedAllocationInputs> Marshaller = Marshallers.Create(
        (EncodedAllocationInputs message) => message.Bytes,
        bytes => new EncodedAllocationInputs(bytes));

    /// <summary>The message of one CTG from the stored encodings of its rows, each list in the answer's order.</summary>
    public static EncodedAllocationInputs Of(
        string conventionId, IEnumerable<byte[]> structures, IEnumerable<byte[]> references, IEnumerable<byte[]> declarations)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        if (conventionId.Length > 0)
        {
            output.WriteTag(ConventionIdField, WireFormat.WireType.LengthDelimited);
            output.WriteString(conventionId);
        }

        Write(output, StructuresField, structures);
        Write(output, ReferencesField, references);
        Write(output, DeclarationsField, declarations);
        output.Flush();
        return new EncodedAllocationInputs(buffer.ToArray());
    }

    private static void Write(CodedOutputStream output, int field, IEnumerable<byte[]> messages)
    {
        foreach (var message in messages)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(UnsafeByteOperations.UnsafeWrap(message));
        }
    }
}
