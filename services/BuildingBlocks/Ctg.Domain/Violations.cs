namespace Ctg.Domain;

/// <summary>Collects every field violation a rule check finds before failing, so a caller sees all its
/// mistakes at once rather than one per call.</summary>
public class Violations
{
    /// <summary>The message of a <see cref="RuleViolationError"/> thrown without one of its own.</summary>
    public const string DefaultMessage = "The request has invalid fields.";

    private readonly List<FieldViolation> _items = [];

    public bool IsValid => _items.Count == 0;

    public IReadOnlyList<FieldViolation> Items => _items;

    public Violations Add(string field, string description)
    {
        _items.Add(new FieldViolation(field, description));
        return this;
    }

    public Violations Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            _items.Add(new FieldViolation(field, description));
        }

        return this;
    }

    /// <summary>Adds the violations of a nested check under <paramref name="prefix"/> (<c>page</c> + <c>page_size</c> → <c>page.page_size</c>).</summary>
    public Violations AddAll(IEnumerable<FieldViolation> violations, string? prefix = null)
    {
        foreach (var violation in violations)
        {
            _items.Add(string.IsNullOrEmpty(prefix) ? violation : violation with { Field = prefix + "." + violation.Field });
        }

        return this;
    }

    /// <summary>Throws a <see cref="RuleViolationError"/> carrying every violation collected, if any.</summary>
    public void ThrowIfAny(string message = DefaultMessage)
    {
        if (!IsValid)
        {
            throw new RuleViolationError(message, _items);
        }
    }

    /// <summary>Throws a <see cref="PreconditionFailedError"/> carrying every violation collected, if any:
    /// for checks against the current state rather than the input alone.</summary>
    public void ThrowIfAnyAsPrecondition(string message)
    {
        if (!IsValid)
        {
            throw new PreconditionFailedError(message, _items);
        }
    }
}
