using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.Storage;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>
/// The commands on one convention. Each checks its rules against the stored record and either throws
/// (INVALID_ARGUMENT for malformed input, FAILED_PRECONDITION when the convention's state forbids it)
/// before changing anything, or appends to the record and collects the events to publish.
/// The store then writes the record, its new version and the events in one transaction.
/// </summary>
public sealed partial class ConventionAggregate
{
    private readonly List<PendingEvent> _events = [];
    private readonly List<string> _newSignatoryIds = [];
    private readonly List<string> _changes = [];

    private ConventionAggregate(ConventionRecord record, long version, bool isNew)
    {
        Record = record;
        Version = version;
        IsNew = isNew;
    }

    public ConventionRecord Record { get; }

    /// <summary>The version the record was loaded at (0 for a new convention).</summary>
    public long Version { get; }

    public bool IsNew { get; }

    /// <summary>The version the record will have once saved.</summary>
    public long NextVersion => Version + 1;

    public IReadOnlyList<string> NewSignatoryIds => _newSignatoryIds;

    public string ChangeKind => string.Join(",", _changes);

    public static ConventionAggregate Load(ConventionRecord record, long version) => new(record, version, isNew: false);

    public ConventionSnapshot SnapshotAt(DateOnly date) => ConventionSnapshot.Of(Record, date);

    /// <summary>A draft: CAF, name, territory, period (1 Jan N to 31 Dec N+4 at most) and fields.</summary>
    public static ConventionAggregate CreateDraft(CreateDraftCommand command)
    {
        var validation = new Violations();
        if (!string.IsNullOrEmpty(command.ConventionId) && !FrenchCodes.IsValidId(command.ConventionId))
        {
            validation.Add("convention_id", "letters, digits, '.', '_' and '-' only, 128 characters at most");
        }

        validation.Require(FrenchCodes.IsDepartement(command.CafDepartement ?? string.Empty), "caf_departement",
            $"'{command.CafDepartement}' is not a département code (01-95, 2A, 2B, 971-976)");
        validation.Require(!string.IsNullOrWhiteSpace(command.Name), "name", "is required");
        var communes = command.Territory?.Communes ?? [];
        if (communes.Count == 0)
        {
            validation.Add("territory.communes", "the territory has at least one commune");
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < communes.Count; i++)
        {
            ConventionInputRules.ValidateCommune(validation, communes[i], $"territory.communes[{i}]");
            if (!string.IsNullOrEmpty(communes[i].InseeCode) && !seen.Add(communes[i].InseeCode))
            {
                validation.Add($"territory.communes[{i}].insee_code", $"commune {communes[i].InseeCode} is listed twice");
            }
        }

        ConventionInputRules.ValidatePeriod(validation, command.Period, "period");
        ConventionInputRules.ValidateFields(validation, command.Fields, "fields", atLeastOne: true);
        validation.ThrowIfAny("The convention draft is invalid.");

        var record = new ConventionRecord
        {
            ConventionId = string.IsNullOrEmpty(command.ConventionId) ? FrenchCodes.NewId("ctg") : command.ConventionId,
            CafDepartement = command.CafDepartement,
            Name = command.Name.Trim(),
            Territory = new Territory(),
            Period = new Period { Start = command.Period!.Start!.Clone(), End = command.Period.End!.Clone() },
        };
        record.Territory.Communes.AddRange(communes.Select(Stored));
        record.Fields.AddRange(command.Fields);
        var aggregate = new ConventionAggregate(record, 0, isNew: true);
        aggregate._changes.Add("draft-created");
        return aggregate;
    }

    /// <summary>ABORTED when the caller edited an older version than the stored one.</summary>
    public void CheckExpectedVersion(long expectedVersion)
    {
        if (expectedVersion != 0 && expectedVersion != Version)
        {
            throw new ConflictError(
                $"Convention {Record.ConventionId} is at version {Version}, not {expectedVersion}: reload it and retry.");
        }
    }

    public void AddSignatory(AddSignatoryCommand command, string prefix = "signatory")
    {
        var signatory = command.Signatory;
        var validation = new Violations();
        ConventionInputRules.ValidateSignatory(validation, signatory, prefix);
        validation.ThrowIfAny("The signatory is invalid.");

        RequireNotYetSigned("a signatory can only be added before every party has signed (afterwards, by an avenant)");
        var id = string.IsNullOrEmpty(signatory.SignatoryId) ? FrenchCodes.NewId("sig") : signatory.SignatoryId;
        if (Record.Signatories.Any(s => s.SignatoryId == id))
        {
            throw new AlreadyExistsError($"Signatory {id} already exists.", new FieldViolation(prefix + ".signatory_id", "is already used"));
        }

        var preconditions = new Violations();
        var name = Normalize(signatory.Name);
        preconditions.Require(!Record.Signatories.Any(s => s.Kind == signatory.Kind && Normalize(s.Name) == name),
            prefix + ".name", $"'{signatory.Name}' is already a signatory of this convention");
        preconditions.Require(signatory.Kind != SignatoryKind.Caf || !Record.Signatories.Any(s => s.Kind == SignatoryKind.Caf),
            prefix + ".kind", "a convention has one CAF");
        if (signatory.Kind == SignatoryKind.Commune)
        {
            preconditions.Require(!Record.Signatories.Any(s => s.CommuneInseeCode == signatory.CommuneInseeCode),
                prefix + ".commune_insee_code", $"commune {signatory.CommuneInseeCode} is already a signatory");
            // Parties are added before signing, so before any avenant: the original territory is the one.
            preconditions.Require(Record.Territory.Communes.Any(c => c.InseeCode == signatory.CommuneInseeCode),
                prefix + ".commune_insee_code", $"commune {signatory.CommuneInseeCode} is not in the territory of the convention");
        }

        preconditions.ThrowIfAnyAsPrecondition("The signatory duplicates another one or does not fit the convention.");

        Record.Signatories.Add(Stored(signatory, id));
        _newSignatoryIds.Add(id);
        _changes.Add("signatory-added");
    }

    public void RecordDeliberation(RecordDeliberationCommand command)
    {
        var (signatoryId, deliberation) = (command.SignatoryId, command.Deliberation);
        var validation = new Violations();
        validation.Require(deliberation is not null, "deliberation", "is required");
        if (deliberation is not null)
        {
            ConventionInputRules.ValidateDeliberation(validation, deliberation, "deliberation");
        }

        validation.ThrowIfAny("The deliberation is invalid.");
        var signatory = FindSignatory(signatoryId);
        if (signatory.SignedOn.IsSet())
        {
            throw new PreconditionFailedError($"Signatory {signatoryId} has already signed.",
                new FieldViolation("signatory_id", "has already signed: its deliberation can no longer change"));
        }

        signatory.Deliberation = Stored(deliberation!);
        _changes.Add("deliberation-recorded");
    }

    /// <summary>One party signs. A party cannot sign before its deliberation; when the last one signs,
    /// the convention is signed and <c>convention-signed</c> is published.</summary>
    public void Sign(SignCommand command)
    {
        var (signatoryId, signedOnInput) = (command.SignatoryId, command.SignedOn);
        var validation = new Violations();
        var signedOn = validation.Required(signedOnInput, "signed_on");
        validation.ThrowIfAny("The signature is invalid.");

        var signatory = FindSignatory(signatoryId);
        if (signatory.SignedOn.IsSet())
        {
            throw new PreconditionFailedError($"Signatory {signatoryId} has already signed.", new FieldViolation("signatory_id", "has already signed"));
        }

        if (signatory.Representatives.Count == 0)
        {
            throw new PreconditionFailedError($"Signatory {signatoryId} has no representative.",
                new FieldViolation("signatory_id", "has no representative to sign for it"));
        }

        if (signatory.Kind == SignatoryKind.Caf && ConventionInputRules.MissingCafRepresentatives(signatory.Representatives.Select(r => r.Role)).FirstOrDefault() is { } missing)
        {
            throw new PreconditionFailedError("The CAF cannot sign without both its representatives.", new FieldViolation("signatory_id", missing));
        }

        if (signatory.Deliberation is null)
        {
            throw new PreconditionFailedError($"Signatory {signatoryId} has no deliberation authorising it to sign.",
                new FieldViolation("signatory_id", "has no deliberation: record it first"));
        }

        var deliberationDate = signatory.Deliberation.Date.Stored();
        if (signedOn!.Value < deliberationDate)
        {
            throw new PreconditionFailedError($"Signatory {signatoryId} cannot sign before its deliberation.",
                new FieldViolation("signed_on", $"{signedOn:yyyy-MM-dd} is before the deliberation of {deliberationDate:yyyy-MM-dd}"));
        }

        signatory.SignedOn = signedOn.Value.ToProto();
        _changes.Add("signed");
        if (ConventionSignatures.FullySignedOn(Record) is { } fullySignedOn)
        {
            _events.Add(PendingEvent.Of(SignatoriesTopics.ConventionSigned, new ConventionSigned(
                Record.ConventionId,
                Record.CafDepartement,
                Record.Name,
                fullySignedOn,
                Record.Period.Start.Stored(),
                Record.Period.End.Stored(),
                Record.Fields.Select(f => f.ToString()).ToList(),
                Record.Signatories.Select(ToData).ToList(),
                Record.Territory.Communes.Select(ToData).ToList(),
                NextVersion)));
        }
    }

    internal Signatory FindSignatory(string signatoryId) =>
        Record.Signatories.FirstOrDefault(s => s.SignatoryId == signatoryId)
        ?? throw new NotFoundError($"Signatory '{signatoryId}' is not a signatory of convention {Record.ConventionId}.");

    private void RequireNotYetSigned(string why)
    {
        if (ConventionSignatures.FullySignedOn(Record) is not null || Record.Termination is not null)
        {
            throw new PreconditionFailedError($"Convention {Record.ConventionId} is already signed.", new FieldViolation("convention_id", why));
        }
    }

    /// <summary>The party as the convention's record keeps it (the stored message), under its final id, its name trimmed.</summary>
    private static Signatory Stored(SignatoryEntry signatory, string signatoryId)
    {
        var stored = new Signatory
        {
            SignatoryId = signatoryId, Name = signatory.Name.Trim(), Kind = signatory.Kind, CommuneInseeCode = signatory.CommuneInseeCode,
            Deliberation = signatory.Deliberation is { } deliberation ? Stored(deliberation) : null, SignedOn = signatory.SignedOn?.Clone(),
            Siren = signatory.Siren,
        };
        stored.Representatives.AddRange(signatory.Representatives.Select(r => new Representative { FullName = r.FullName, Role = r.Role }));
        stored.MemberCommunes.AddRange(signatory.MemberCommunes.Select(Stored));
        return stored;
    }

    private static Deliberation Stored(DeliberationEntry deliberation) => new()
    {
        Body = deliberation.Body, Date = deliberation.Date?.Clone(), Number = deliberation.Number,
        MembersInOffice = deliberation.MembersInOffice, MembersPresent = deliberation.MembersPresent, MembersRepresented = deliberation.MembersRepresented,
        VotesFor = deliberation.VotesFor, VotesAgainst = deliberation.VotesAgainst, VotesAbstaining = deliberation.VotesAbstaining,
    };

    /// <summary>A commune as the record keeps it (territory, avenant, a syndicate's members): a population only when given.</summary>
    private static Commune Stored(CommuneEntry commune)
    {
        var stored = new Commune { InseeCode = commune.InseeCode, Name = commune.Name, PopulationYear = commune.PopulationYear };
        if (commune.LegalPopulation is { } population)
        {
            stored.LegalPopulation = population;
        }

        return stored;
    }

    private static string Normalize(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    internal static SignatoryData ToData(Signatory s) =>
        new(s.SignatoryId, s.Name, s.Kind.ToString(), string.IsNullOrEmpty(s.CommuneInseeCode) ? null : s.CommuneInseeCode, s.SignedOn.StoredOrNull());

    internal static CommuneData ToData(Commune c) =>
        new(c.InseeCode, c.Name, c.HasLegalPopulation ? c.LegalPopulation : null, c.PopulationYear == 0 ? null : c.PopulationYear);
}
