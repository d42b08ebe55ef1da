namespace Ctg.Funding.Api.Parameters;

/// <summary>One row of parameter_sets: who loaded which set, from what source, in force from when.</summary>
public sealed record StoredParameterSet(
    int Number,
    int BaseNumber,
    string AuthorSubject,
    string AuthorName,
    string SourceNote,
    DateOnly EffectiveFrom,
    string ContentHash,
    string LoadedAt,
    int ParameterCount,
    IReadOnlyList<string> ChangedKeys);
