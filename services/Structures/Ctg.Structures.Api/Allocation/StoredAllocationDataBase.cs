using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Structures.Allocation;

/// <summary>The <c>ctg.structures.v1.AllocationData</c> service as the generated base class binds it, but with a
/// response marshaller that writes <see cref="EncodedAllocationInputs"/> (the stored rows framed as they are) where the
/// generated one would encode a <see cref="ConventionAllocationInputs"/> decoded from them. Same service name, method
/// name, request and wire bytes: clients use the generated <see cref="AllocationData.AllocationDataClient"/>. The gRPC
/// host finds <see cref="BindService"/> through the attribute, as it does on a generated base, and reflection finds
/// <see cref="Descriptor"/> beside it. It derives from the generated base only so that what looks for the implementation
/// of AllocationData finds it (the platform's policy catalog); the generated method is never bound, the attribute
/// here being the nearest.</summary>
[BindServiceMethod(typeof(StoredAllocationDataBase), nameof(BindService))]
internal abstract class StoredAllocationDataBase : AllocationData.AllocationDataBase
{
    private static readonly Method<StreamAllocationInputsRequest, EncodedAllocationInputs> StreamMethod = new(
        MethodType.ServerStreaming,
        AllocationData.Descriptor.FullName,
        nameof(StreamAllocationInputs),
        Marshallers.Create((StreamAllocationInputsRequest request) => request.ToByteArray(), StreamAllocationInputsRequest.Parser.ParseFrom),
        EncodedAllocationInputs.Marshaller);

    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => AllocationData.Descriptor;

    public static void BindService(ServiceBinderBase binder, StoredAllocationDataBase? service) =>
        binder.AddMethod(StreamMethod, service is null ? null : service.StreamAllocationInputs);

    /// <summary>The latest declarations of a year and version, the structures and the references of each CTG asked, one message per CTG.</summary>
    public abstract Task StreamAllocationInputs(StreamAllocationInputsRequest request, IServerStreamWriter<EncodedAllocationInputs> responseStream, ServerCallContext context);
}
