using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>A convention as it stands on a date: the original terms with every amendment effective
/// on that date applied in number order, and the status derived from signatures, period and termination.</summary>
public sealed class ConventionSnapshot
{
    private ConventionSnapshot(ConventionRecord record, DateOnly asOf)
    {
        Record = record;
        AsOf = asOf;
        Name = record.Name;
        Communes = record.Territory.Communes.Select(c => c.Clone()).ToList();
        Fields = record.Fields.ToList();
        Start = record.Period.Start.Stored();
        End = record.Period.End.Stored();
        foreach (var amendment in record.Amendments.Where(a => a.EffectiveOn.Stored() <= asOf).OrderBy(a => a.Number))
        {
            Apply(amendment);
        }

        FullySignedOn = ConventionSignatures.FullySignedOn(record);
        Status = DeriveStatus();
    }

    public ConventionRecord Record { get; }

    public DateOnly AsOf { get; }

    public string Name { get; private set; }

    public List<Commune> Communes { get; }

    public List<FieldOfIntervention> Fields { get; }

    public DateOnly Start { get; }

    public DateOnly End { get; private set; }

    /// <summary>The day the last signatory signed, when every signatory has signed (whatever the as-of date).</summary>
    public DateOnly? FullySignedOn { get; }

    public ConventionStatus Status { get; }

    public static ConventionSnapshot Of(ConventionRecord record, DateOnly asOf) => new(record, asOf);

    public Commune? FindCommune(string inseeCode) => Communes.FirstOrDefault(c => c.InseeCode == inseeCode);

    private void Apply(Amendment amendment)
    {
        if (!string.IsNullOrEmpty(amendment.NewName))
        {
            Name = amendment.NewName;
        }

        Communes.RemoveAll(c => amendment.CommunesRemoved.Contains(c.InseeCode));
        Communes.AddRange(amendment.CommunesAdded.Select(c => c.Clone()));
        foreach (var update in amendment.CommunesUpdated)
        {
            var index = Communes.FindIndex(c => c.InseeCode == update.InseeCode);
            if (index >= 0)
            {
                Communes[index] = update.Clone();
            }
        }

        Fields.RemoveAll(f => amendment.FieldsRemoved.Contains(f));
        Fields.AddRange(amendment.FieldsAdded.Where(f => !Fields.Contains(f)));
        if (amendment.NewEnd.IsSet())
        {
            End = amendment.NewEnd.Stored();
        }
    }

    private ConventionStatus DeriveStatus()
    {
        var termination = Record.Termination;
        if (termination is not null && termination.EffectiveOn.Stored() <= AsOf)
        {
            return ConventionStatus.Terminated;
        }

        if (FullySignedOn is null || FullySignedOn.Value > AsOf)
        {
            return ConventionStatus.Draft;
        }

        if (AsOf < Start)
        {
            return ConventionStatus.Signed;
        }

        return AsOf <= End ? ConventionStatus.Active : ConventionStatus.Expired;
    }

    /// <summary>The public view: terms as of the date; signatures, avenants and termination notices
    /// made after it are not shown.</summary>
    public Convention ToProto(long version)
    {
        var convention = new Convention
        {
            ConventionId = Record.ConventionId,
            CafDepartement = Record.CafDepartement,
            Name = Name,
            Territory = new Territory(),
            Period = new Period { Start = Start.ToProto(), End = End.ToProto() },
            Status = Status,
            AsOf = AsOf.ToProto(),
            Version = version,
        };
        convention.Territory.Communes.AddRange(Communes.Select(c => c.Clone()));
        convention.Fields.AddRange(Fields);
        foreach (var signatory in Record.Signatories)
        {
            var view = signatory.Clone();
            if (view.SignedOn.IsSet() && view.SignedOn.Stored() > AsOf)
            {
                view.SignedOn = null;
            }

            convention.Signatories.Add(view);
        }

        // What was not yet signed or notified on the date is not known as of that date.
        convention.Amendments.AddRange(Record.Amendments.Where(a => a.Dated.Stored() <= AsOf).Select(a => a.Clone()));
        if (Record.Termination is { } termination && termination.NotifiedOn.Stored() <= AsOf)
        {
            convention.Termination = termination.Clone();
        }
        if (FullySignedOn is { } signedOn && signedOn <= AsOf)
        {
            convention.SignedOn = signedOn.ToProto();
        }

        return convention;
    }
}

/// <summary>When a convention counts as signed: a CAF and at least one other party, all signed.</summary>
public static class ConventionSignatures
{
    public static DateOnly? FullySignedOn(ConventionRecord record)
    {
        var signatories = record.Signatories;
        if (signatories.Count < 2 || !signatories.Any(s => s.Kind == SignatoryKind.Caf) || signatories.Any(s => !s.SignedOn.IsSet()))
        {
            return null;
        }

        return signatories.Max(s => s.SignedOn.Stored());
    }
}
