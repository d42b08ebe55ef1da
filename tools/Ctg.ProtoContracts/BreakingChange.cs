namespace Ctg.ProtoContracts;

public enum BreakingKind
{
    PackageRenamed,
    MessageRemoved,
    FieldRemovedWithoutReserved,
    FieldRenumbered,
    FieldRenamed,
    FieldRetyped,
    FieldLabelChanged,
    EnumRemoved,
    EnumValueRemoved,
    EnumValueRenumbered,
    ServiceRemoved,
    MethodRemoved,
    MethodSignatureChanged,
}

/// <summary>One change between a released contract and today's that breaks a client built against the release.</summary>
public sealed record BreakingChange(BreakingKind Kind, string Element, string Detail)
{
    public override string ToString() => $"{Kind} {Element}: {Detail}";
}
