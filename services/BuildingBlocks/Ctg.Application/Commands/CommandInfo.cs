using System.Data;
using System.Security.Cryptography;
using Ctg.ServiceDefaults.Security;
using Google.Protobuf;

namespace Ctg.Application.Commands;

/// <summary>What the pipeline needs to know about a command before running it: its name as the audit
/// log shows it (<c>structures.SubmitDeclaration</c>), the SHA-256 of the request, the ids it targets
/// (the handler may add more), who asks, and the optional client request id that makes it idempotent.</summary>
public sealed record CommandInfo
{
    public CommandInfo(string name, ReadOnlySpan<byte> requestBytes, CallerIdentity caller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        RequestSha256 = Convert.ToHexStringLower(SHA256.HashData(requestBytes));
        Caller = caller;
    }

    /// <summary>A command whose request is a protobuf message: its wire bytes are hashed.</summary>
    public CommandInfo(string name, IMessage request, CallerIdentity caller)
        : this(name, request.ToByteArray(), caller)
    {
    }

    public string Name { get; }

    /// <summary>Lowercase hexadecimal SHA-256 of the request bytes.</summary>
    public string RequestSha256 { get; }

    public CallerIdentity Caller { get; init; }

    public IReadOnlyList<string> TargetIds { get; init; } = [];

    /// <summary>Set by the client to make a create safe to retry; null or empty: not idempotent.</summary>
    public string? ClientRequestId { get; init; }

    /// <summary>Run every check and write, then roll back: nothing is kept, published or audited.</summary>
    public bool DryRun { get; init; }

    /// <summary>Isolation of the command's transaction; null: the database's default (SQLite is serializable anyway).</summary>
    public IsolationLevel? Isolation { get; init; }

    public bool IsIdempotent => !string.IsNullOrEmpty(ClientRequestId);
}
