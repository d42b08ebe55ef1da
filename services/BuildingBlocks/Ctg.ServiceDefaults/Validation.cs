using Google.Rpc;
using Grpc.Core;

namespace Ctg.ServiceDefaults;

/// <summary>Collects every field violation of a request before failing, so a caller sees all its
/// mistakes at once rather than one per call.</summary>
public sealed class Validation
{
    private readonly List<(string Field, string Description)> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public IReadOnlyList<(string Field, string Description)> Violations => _violations;

    public Validation Add(string field, string description)
    {
        _violations.Add((field, description));
        return this;
    }

    public Validation Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            _violations.Add((field, description));
        }

        return this;
    }

    /// <summary>Throws INVALID_ARGUMENT (or <paramref name="code"/>) with every violation collected.</summary>
    public void ThrowIfInvalid(string message = "The request has invalid fields.", Code code = Code.InvalidArgument)
    {
        if (!IsValid)
        {
            throw RpcErrors.WithViolations(code, message, _violations);
        }
    }
}
