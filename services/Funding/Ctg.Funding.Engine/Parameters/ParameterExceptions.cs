namespace Ctg.Funding.Engine.Parameters;

/// <summary>Overrides named keys that no parameter file defines. The service maps this to INVALID_ARGUMENT.</summary>
public sealed class UnknownParameterKeysException(IReadOnlyList<string> unknownKeys)
    : ArgumentException("Unknown parameter keys in overrides: " + string.Join(", ", unknownKeys))
{
    public IReadOnlyList<string> UnknownKeys { get; } = unknownKeys;
}

/// <summary>An override whose shape does not match its parameter (a scalar for a scale or the reverse).</summary>
public sealed class InvalidParameterOverrideException(string key, string reason)
    : ArgumentException($"Invalid override for parameter '{key}': {reason}")
{
    public string Key { get; } = key;
    public string Reason { get; } = reason;
}

/// <summary>One problem found while loading parameter files.</summary>
public sealed record ParameterFileError(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>The parameter files are invalid; every problem found is listed, not only the first.</summary>
public sealed class ParameterValidationException(IReadOnlyList<ParameterFileError> errors)
    : Exception("Invalid parameter files:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ParameterFileError> Errors { get; } = errors;
}
