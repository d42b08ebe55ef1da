namespace Ctg.Funding.Api.Upstream;

/// <summary>Configuration section <c>Services</c>: where the services funding reads from listen.</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Services";

    /// <summary>gRPC address of the structures service (registry, declarations, CEJ references).</summary>
    public string Structures { get; set; } = "http://127.0.0.1:5102";

    /// <summary>gRPC address of the signatories service (conventions, signatories).</summary>
    public string Signatories { get; set; } = "http://127.0.0.1:5101";

    /// <summary>Deadline of one attempt of a unary read.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one attempt of a streamed read (every structure of a CTG).</summary>
    public TimeSpan StreamDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (UNAVAILABLE, DEADLINE_EXCEEDED) before answering UNAVAILABLE.</summary>
    public int RetryAttempts { get; set; } = 3;
}
