namespace Ctg.Funding.Engine.Parameters;

/// <summary>How far a parameter value can be trusted (RULES.md, preamble).</summary>
public enum ConfidenceTag
{
    /// <summary>Primary source: caf.fr, CNAF circular, Parliament.</summary>
    P,
    /// <summary>Secondary source: specialised press, federations.</summary>
    S,
    /// <summary>Derived by arithmetic from a sourced value.</summary>
    D,
    /// <summary>Seen only in practitioners' public code (unverified).</summary>
    C,
    /// <summary>Not found publicly.</summary>
    NF,
    /// <summary>Supplied by a caller for a simulation; never allowed in a parameter file.</summary>
    SimulationOverride,
}
