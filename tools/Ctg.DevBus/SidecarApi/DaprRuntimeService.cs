using System.Net.Http.Headers;
using Ctg.DevBus.Storage;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.DevBus.SidecarApi;

/// <summary>The part of daprd's gRPC API (<c>dapr.proto.runtime.v1.Dapr</c>, message types from the
/// Dapr.Protos package) that the Dapr .NET SDK uses here: publishing one event or a bulk of them, service
/// invocation of an app's HTTP channel, and metadata. Every other RPC answers UNIMPLEMENTED, as daprd does
/// for a building block that is not configured. The package ships the client and the messages but no
/// server base class, so <see cref="DaprRuntimeMethods"/> binds these methods to the service's wire names.</summary>
public sealed class DaprRuntimeService(MessageIntake intake, BusStore store, DevBusOptions options, IHttpClientFactory httpClients)
{
    public async Task<Google.Protobuf.WellKnownTypes.Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        var refusal = await intake.AcceptAsync(
            request.PubsubName, request.Topic, request.Data.ToStringUtf8(), request.DataContentType, context.CancellationToken);
        if (refusal is not null)
        {
            throw new RpcException(new Status(refusal.GrpcStatus, $"{refusal.ErrorCode}: {refusal.Message}"));
        }

        return new Google.Protobuf.WellKnownTypes.Empty();
    }

    /// <summary>Each entry is taken or listed as failed with its reason; the others are kept (Dapr's bulk
    /// publish is not all-or-nothing).</summary>
    public async Task<BulkPublishResponse> BulkPublishEvent(BulkPublishRequest request, ServerCallContext context)
    {
        if (!options.PubSubNames.Contains(request.PubsubName))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"ERR_PUBSUB_NOT_FOUND: pubsub {request.PubsubName} not found"));
        }

        var response = new BulkPublishResponse();
        foreach (var entry in request.Entries)
        {
            var refusal = await intake.AcceptAsync(
                request.PubsubName, request.Topic, entry.Event.ToStringUtf8(), entry.ContentType, context.CancellationToken);
            if (refusal is not null)
            {
                response.FailedEntries.Add(new BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = $"{refusal.ErrorCode}: {refusal.Message}" });
            }
        }

        return response;
    }

    /// <summary>The name SDKs older than the stable API call.</summary>
    public Task<BulkPublishResponse> BulkPublishEventAlpha1(BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishEvent(request, context);

    /// <summary>Forwards to the target app's HTTP channel as daprd does for an HTTP app: the HTTP verb and
    /// query string from the HTTP extension (POST when absent), the bytes of the request's data, and the
    /// app's answer back as the response data.</summary>
    public async Task<InvokeResponse> InvokeService(InvokeServiceRequest request, ServerCallContext context)
    {
        if (!options.Apps.TryGetValue(request.Id, out var address))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"ERR_DIRECT_INVOKE: app id {request.Id} is not known to the bus"));
        }

        var message = request.Message ?? new InvokeRequest();
        var verb = message.HttpExtension is null || message.HttpExtension.Verb == HTTPExtension.Types.Verb.None
            ? HttpMethod.Post
            : new HttpMethod(message.HttpExtension.Verb.ToString().ToUpperInvariant());
        var query = string.IsNullOrEmpty(message.HttpExtension?.Querystring) ? "" : "?" + message.HttpExtension.Querystring;
        using var forward = new HttpRequestMessage(verb, new Uri(address, message.Method.TrimStart('/') + query));
        if (message.Data is { } data && !data.Value.IsEmpty)
        {
            forward.Content = new ByteArrayContent(data.Value.ToByteArray());
            forward.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(message.ContentType, out var type) ? type : null;
        }

        if (options.AppApiToken is not null)
        {
            forward.Headers.TryAddWithoutValidation(AppToken.Header, options.AppApiToken);
        }

        HttpResponseMessage answer;
        try
        {
            answer = await httpClients.CreateClient(nameof(ServiceInvocationEndpoints)).SendAsync(forward, context.CancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"ERR_DIRECT_INVOKE: {request.Id} did not answer: {exception.Message}"));
        }

        using (answer)
        {
            var body = await answer.Content.ReadAsByteArrayAsync(context.CancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                // daprd maps a non-2xx answer of an HTTP app to an error status carrying the HTTP code.
                throw new RpcException(new Status(StatusCode.Unknown, $"ERR_DIRECT_INVOKE: {request.Id} answered HTTP {(int)answer.StatusCode}"));
            }

            return new InvokeResponse
            {
                ContentType = answer.Content.Headers.ContentType?.ToString() ?? "",
                Data = new Google.Protobuf.WellKnownTypes.Any { Value = ByteString.CopyFrom(body) },
            };
        }
    }

    public async Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var response = new GetMetadataResponse { Id = "devbus", RuntimeVersion = "ctg-devbus" };
        foreach (var name in options.PubSubNames)
        {
            response.RegisteredComponents.Add(new RegisteredComponents { Name = name, Type = "pubsub.ctg-devbus", Version = "v1" });
        }

        foreach (var subscription in await store.ActiveSubscriptionsAsync(context.CancellationToken))
        {
            var entry = new PubsubSubscription
            {
                PubsubName = subscription.PubSub,
                Topic = subscription.Topic,
                DeadLetterTopic = subscription.DeadLetterTopic ?? "",
                Rules = new PubsubSubscriptionRules(),
                Type = PubsubSubscriptionType.Programmatic,
            };
            entry.Rules.Rules.Add(new PubsubSubscriptionRule { Match = "", Path = subscription.Route });
            response.Subscriptions.Add(entry);
        }

        return response;
    }
}
