using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Ctg.Signatories.Competences;

/// <summary>The relais petite enfance the structures registry holds on a CTG's territory, read for the
/// AO obligations: a relais actually registered meets the RPE obligation, not only a hand declaration.
/// Configured by <c>Services:Structures</c>; without it the registry is not consulted (null).</summary>
public sealed class RpeRegistry : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly GrpcChannel? _channel;
    private readonly StructureRegistry.StructureRegistryClient? _client;

    public RpeRegistry(IConfiguration configuration)
    {
        if (Uri.TryCreate(configuration["Services:Structures"], UriKind.Absolute, out var address))
        {
            _channel = CtgGrpcChannel.Create(address);
            _client = new StructureRegistry.StructureRegistryClient(_channel);
        }
    }

    /// <summary>Every RPE (closed ones included, their dates tell) located in one of the communes, or null when not configured.</summary>
    /// <exception cref="RpcException">UNAVAILABLE when the registry cannot answer: obligations are never reported on a guess.</exception>
    public async Task<IReadOnlyList<RegisteredRpe>?> ListAsync(IReadOnlyCollection<string> communeInseeCodes, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            return null;
        }

        var rpes = new List<RegisteredRpe>();
        try
        {
            foreach (var insee in communeInseeCodes)
            {
                var token = string.Empty;
                do
                {
                    var page = await _client.ListStructuresAsync(new ListStructuresRequest
                    {
                        Filter = new StructureFilter { Kind = StructureKind.Rpe, CommuneInsee = insee, IncludeClosed = true },
                        Page = new Common.V1.PageRequest { PageSize = 500, PageToken = token },
                    }, deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
                    rpes.AddRange(page.Structures.Select(s => new RegisteredRpe(
                        s.StructureId, insee, s.Details.OpeningDate.StoredOrNull(), s.ClosingDate.StoredOrNull())));
                    token = page.Page?.NextPageToken ?? string.Empty;
                }
                while (!string.IsNullOrEmpty(token));
            }
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new UpstreamUnavailableError("The structures registry does not answer: the RPE obligations cannot be checked.");
        }

        return rpes;
    }

    public void Dispose() => _channel?.Dispose();
}
