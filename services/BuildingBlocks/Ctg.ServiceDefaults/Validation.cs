namespace Ctg.ServiceDefaults;

/// <summary>Endpoint-level request checks: collects every field violation of a request before failing,
/// so a caller sees all its mistakes at once. It is a <see cref="Ctg.Domain.Violations"/> collector, so the
/// shared primitives (<see cref="ProtoDates"/>, <see cref="Paging"/>) record into it directly.</summary>
public sealed class Validation : Ctg.Domain.Violations
{
    public IReadOnlyList<(string Field, string Description)> Violations => Items.Select(v => (v.Field, v.Description)).ToArray();

    public new Validation Add(string field, string description)
    {
        base.Add(field, description);
        return this;
    }

    public new Validation Require(bool condition, string field, string description)
    {
        base.Require(condition, field, description);
        return this;
    }

    /// <summary>Throws a <see cref="Ctg.Domain.RuleViolationError"/> with every violation collected: the shared interceptor
    /// answers it as INVALID_ARGUMENT with the violations as field violations, as for a rule the domain checks.</summary>
    public void ThrowIfInvalid(string message = DefaultMessage) => ThrowIfAny(message);
}
