namespace Ctg.ProtoContracts;

public enum ElementKind { Service, Method, Message, Field, Enum, EnumValue }

/// <summary>
/// One documented element of a proto file: its kind, full name and the source-info path that
/// locates its comments (descriptor.proto field numbers, e.g. [4, 0, 2, 1] = message 0, field 1).
/// </summary>
public sealed record ContractElement(string File, ElementKind Kind, string FullName, IReadOnlyList<int> Path);
