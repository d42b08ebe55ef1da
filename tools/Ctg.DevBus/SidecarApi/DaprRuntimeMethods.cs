using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace Ctg.DevBus.SidecarApi;

/// <summary>Declares the methods of <c>dapr.proto.runtime.v1.Dapr</c> that <see cref="DaprRuntimeService"/>
/// serves, by their wire names, with the Dapr.Protos message types as marshallers: what the generated
/// server base class would do, had the package shipped one.</summary>
public sealed class DaprRuntimeMethods : IServiceMethodProvider<DaprRuntimeService>
{
    public const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprRuntimeService> context)
    {
        Add<PublishEventRequest, Empty>(context, "PublishEvent", (s, r, c) => s.PublishEvent(r, c));
        Add<BulkPublishRequest, BulkPublishResponse>(context, "BulkPublishEvent", (s, r, c) => s.BulkPublishEvent(r, c));
        Add<BulkPublishRequest, BulkPublishResponse>(context, "BulkPublishEventAlpha1", (s, r, c) => s.BulkPublishEventAlpha1(r, c));
        Add<InvokeServiceRequest, InvokeResponse>(context, "InvokeService", (s, r, c) => s.InvokeService(r, c));
        Add<GetMetadataRequest, GetMetadataResponse>(context, "GetMetadata", (s, r, c) => s.GetMetadata(r, c));
    }

    private static void Add<TRequest, TResponse>(
        ServiceMethodProviderContext<DaprRuntimeService> context, string name, UnaryServerMethod<DaprRuntimeService, TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name, Marshaller<TRequest>(), Marshaller<TResponse>());
        context.AddUnaryMethod(method, [], handler);
    }

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
