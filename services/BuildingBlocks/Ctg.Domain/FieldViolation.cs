namespace Ctg.Domain;

/// <summary>One thing wrong with one field: <paramref name="Field"/> is the path a client sent it under
/// (<c>territory.communes[2].insee_code</c>), <paramref name="Description"/> says what is wrong.</summary>
public readonly record struct FieldViolation(string Field, string Description);
