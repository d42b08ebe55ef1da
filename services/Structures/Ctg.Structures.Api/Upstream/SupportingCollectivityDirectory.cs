using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.V1;
using Ctg.Structures.Shared;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Ctg.Structures.Upstream;

/// <summary>A signatory of a CTG, as the signatories service knows it.</summary>
/// <summary>A signatory of a CTG, as the signatories service knows it, with the CAF (département code) of its
/// CTG: empty when the signatories service does not say.</summary>
internal sealed record SupportingCollectivity(
    string SignatoryId, string ConventionId, string Name, SignatoryKind Kind, ConventionStatus ConventionStatus, string CafDepartement = "");

/// <summary>Resolves supporting collectivities against the signatories service (config <c>Services:Signatories</c>).
/// Every call has a deadline and goes through a retry pipeline that retries only what may succeed on a
/// second try (UNAVAILABLE, DEADLINE_EXCEEDED). When the service cannot answer, callers get UNAVAILABLE:
/// a structure is never written with an unchecked collectivity.</summary>
internal sealed class SupportingCollectivityDirectory : IDisposable
{
    private readonly GrpcChannel? _channel;
    private readonly SignatoryDirectory.SignatoryDirectoryClient? _client;
    private readonly Conventions.ConventionsClient? _conventions;

    // The CAF of a convention never changes: asked once per convention.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cafOfConvention = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _deadline;
    private readonly ILogger<SupportingCollectivityDirectory> _logger;

    public SupportingCollectivityDirectory(SignatoriesClientOptions options, ILogger<SupportingCollectivityDirectory> logger, BearerTokenForwarding forwarding)
    {
        _logger = logger;
        _deadline = options.Deadline;
        if (Uri.TryCreate(options.Url, UriKind.Absolute, out var address))
        {
            _channel = GrpcChannel.ForAddress(address);
            // The caller's own token goes upstream: the signatories service sees who is asking.
            _client = new SignatoryDirectory.SignatoryDirectoryClient(_channel.Intercept(forwarding));
            _conventions = new Conventions.ConventionsClient(_channel.Intercept(forwarding));
        }

        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e =>
                    e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded),
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>The signatory, or null when the signatories service says it does not exist.</summary>
    /// <exception cref="Ctg.Domain.UpstreamUnavailableError">When the service cannot be reached or does not answer in time.</exception>
    public async Task<SupportingCollectivity?> FindAsync(string signatoryId, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            throw new Ctg.Domain.UpstreamUnavailableError("The signatories service is not configured (Services:Signatories); supporting collectivities cannot be checked.");
        }

        try
        {
            var view = await _pipeline.ExecuteAsync(
                async token => await _client.GetSignatoryAsync(
                    new GetSignatoryRequest { SignatoryId = signatoryId, AsOf = asOf.ToProto() },
                    deadline: DateTime.UtcNow.Add(_deadline),
                    cancellationToken: token),
                cancellationToken);
            var caf = await CafOfConventionAsync(view.ConventionId, cancellationToken);
            return new SupportingCollectivity(view.SignatoryId, view.ConventionId, view.Name, view.Kind, view.ConventionStatus, caf);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            _logger.LogWarning(e, "The signatories service did not answer for {SignatoryId}", signatoryId);
            throw new Ctg.Domain.UpstreamUnavailableError(
                $"The signatories service could not be reached to check supporting collectivity '{signatoryId}' ({e.StatusCode}); nothing was written. Retry later.", e);
        }
    }

    private async Task<string> CafOfConventionAsync(string conventionId, CancellationToken cancellationToken)
    {
        if (_cafOfConvention.TryGetValue(conventionId, out var known))
        {
            return known;
        }

        try
        {
            var convention = await _pipeline.ExecuteAsync(
                async token => await _conventions!.GetConventionAsync(
                    new GetConventionRequest { ConventionId = conventionId },
                    deadline: DateTime.UtcNow.Add(_deadline),
                    cancellationToken: token),
                cancellationToken);
            return _cafOfConvention[conventionId] = convention.CafDepartement;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.Unimplemented)
        {
            // The signatory exists but its convention is not readable here: the structure's CAF stays unknown.
            return "";
        }
    }

    public void Dispose() => _channel?.Dispose();
}

/// <summary>Configuration <c>Services:Signatories</c> (URL) and <c>Services:SignatoriesClient</c> (timing).</summary>
internal sealed class SignatoriesClientOptions
{
    public string? Url { get; set; }

    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(3);

    public int RetryAttempts { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}

internal static class SignatoriesClientOptionsBinding
{
    /// <summary>Overrides the timing from configuration (Deadline, RetryAttempts, RetryDelay) when present.</summary>
    public static SignatoriesClientOptions Configure(this SignatoriesClientOptions options, IConfiguration section)
    {
        section.Bind(options);
        return options;
    }
}
