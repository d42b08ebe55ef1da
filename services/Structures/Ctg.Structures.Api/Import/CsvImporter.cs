using System.Data.Common;
using System.Diagnostics;
using Ctg.Common.V1;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Declarations;
using Ctg.Structures.Events;
using Ctg.Structures.Persistence;
using Ctg.Structures.References;
using Ctg.Structures.Registry;
using Ctg.Structures.Signatories;
using Ctg.Structures.V1;
using Dapper;

namespace Ctg.Structures.Import;

/// <summary>Bulk import of structures, declarations or references from a ';' CSV. Every row is validated
/// first and every error is reported with its line and column; then all rows are written in ONE
/// transaction, with their events, or nothing is.</summary>
internal sealed class CsvImporter(
    IDbConnectionFactory connections,
    StructureStore structures,
    ReferenceStore references,
    SupportingCollectivityDirectory collectivities,
    OutboxWriter outbox,
    TimeProvider clock,
    IOutboxSignal outboxSignal)
{
    public static readonly string[] StructureColumns =
    [
        "structure_id", "name", "kind", "caf_dossier_number", "caf_equipment_code", "street", "postal_code", "commune_name",
        "commune_insee", "manager_name", "management_mode", "agreed_places", "etp", "opening_hours_per_year", "supplies_nappies",
        "supplies_meals", "periscolaire", "extrascolaire", "opening_date", "supporting_collectivity_id", "effective_from", "source_note",
    ];

    public static readonly string[] DeclarationColumns =
    [
        "structure_id", "year", "version", "received_on", "hours_invoiced", "hours_attended", "operating_costs_cents",
        "family_participations_cents", "regime_general_share", "aeeh_hours", "aeeh_children", "places", "months_open", "etp", "opening_hours",
    ];

    /// <summary>Optional trailing columns of a declarations file (the ALSH périscolaire / extrascolaire split):
    /// a file without them is read as before.</summary>
    public static readonly string[] DeclarationSplitColumns =
    [
        "periscolaire_hours_attended", "periscolaire_operating_costs_cents", "extrascolaire_hours_attended", "extrascolaire_operating_costs_cents",
    ];

    public static readonly string[] ReferenceColumns =
    [
        "structure_id", "reference_year", "amount_cents", "unit", "reference_units", "source_note",
    ];

    private const int ProgressEvery = 2000;

    /// <summary>Reports progress while importing; the caller decides where it goes (a gRPC stream, nowhere).</summary>
    public delegate Task ProgressSink(ImportProgress progress);

    /// <summary>Imports one file. With <c>options.DryRun</c> everything runs, writes included, and the
    /// transaction is rolled back; <paramref name="preceding"/> (dry run only) are applied first in the
    /// same transaction so the file is judged as it would be after them, and <paramref name="pending"/>
    /// (dry run only) are signatories the same import creates before it runs for real.</summary>
    public async Task<ImportReport> ImportAsync(ImportOptions options, ReadOnlyMemory<byte> content, ProgressSink? progress, CancellationToken ct,
        IReadOnlyList<ImportCsvRequest>? preceding = null, IReadOnlyList<PendingSignatory>? pending = null, CallerIdentity? caller = null)
    {
        var scope = StructureScope.Of(caller ?? CallerIdentity.Anonymous);
        var watch = Stopwatch.StartNew();
        progress ??= _ => Task.CompletedTask;
        preceding ??= [];
        pending ??= [];
        RequireKind(options.Kind, "options.kind");
        if (preceding.Count > 0 && !options.DryRun)
        {
            throw RpcErrors.InvalidArgument("Preceding files are only for a dry run.", ("preceding_files", "are only accepted with options.dry_run."));
        }

        if (pending.Count > 0 && !options.DryRun)
        {
            // A real import always checks its collectivities with the signatories service.
            throw RpcErrors.InvalidArgument("Pending signatories are only for a dry run.", ("pending_signatories", "are only accepted with options.dry_run."));
        }

        for (var i = 0; i < preceding.Count; i++)
        {
            RequireKind(preceding[i].Options?.Kind ?? ImportKind.Unspecified, $"preceding_files[{i}].options.kind");
        }

        var errors = new List<ImportErrorItem>();
        var earlier = new List<ParsedFile>();
        for (var i = 0; i < preceding.Count; i++)
        {
            try
            {
                earlier.Add(Parse(preceding[i].Options!.Kind, preceding[i].Content.Memory, errors, i));
            }
            catch (CsvFormatException format)
            {
                // A refused preceding file is one error of the combined report, not the end of the check.
                errors.Add(new ImportErrorItem(1, format.Field, format.Message, i));
            }
        }

        var file = Parse(options.Kind, content, errors, -1);
        var total = file.Rows.Count + errors.Count(e => e.FileIndex == -1);
        await progress(new ImportProgress { Phase = "validating", RowsDone = 0, RowsTotal = total });

        // Network checks happen before the transaction: never hold a write lock while waiting on another service.
        var collectivityCache = pending.Where(p => p.SignatoryId.Length > 0).ToDictionary(
            p => p.SignatoryId,
            p => (SupportingCollectivity?)new SupportingCollectivity(p.SignatoryId, p.ConventionId, p.Name, Ctg.Signatories.V1.SignatoryKind.Unspecified, Ctg.Signatories.V1.ConventionStatus.Draft),
            StringComparer.Ordinal);
        foreach (var parsed in earlier.Append(file).Where(f => f.Kind == ImportKind.Structures))
        {
            await ResolveCollectivitiesAsync(parsed.Rows, parsed.Columns, collectivityCache, ct);
        }

        await using var connection = await connections.OpenAsync(ct);
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            // A large import touches far more pages than SQLite's default 2 MB cache holds; spilling them
            // to the WAL mid-transaction is what makes big transactions slow.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -262144", cancellationToken: ct));
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var parsed in earlier)
        {
            // Dry run only: the valid rows of an earlier file are written (and rolled back with the rest)
            // so that later files see the structures they name.
            var earlierPlan = await PlanAsync(connection, transaction, parsed, options.SkipExisting || (preceding[parsed.Index].Options?.SkipExisting ?? false),
                collectivityCache, scope, errors, ct);
            foreach (var (_, write) in earlierPlan.Batches)
            {
                await write(connection, transaction, ct);
            }
        }

        var writes = await PlanAsync(connection, transaction, file, options.SkipExisting, collectivityCache, scope, errors, ct);
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors.OrderBy(e => e.FileIndex == -1 ? int.MaxValue : e.FileIndex).ThenBy(e => e.Line).ToList(), total);
        }

        var toWrite = writes.Rows;
        await progress(new ImportProgress { Phase = "writing", RowsDone = 0, RowsTotal = toWrite });
        var done = 0;
        var reported = 0;
        foreach (var (count, write) in writes.Batches)
        {
            await write(connection, transaction, ct);
            done += count;
            if (done - reported >= ProgressEvery)
            {
                reported = done;
                await progress(new ImportProgress { Phase = "writing", RowsDone = done, RowsTotal = toWrite });
            }
        }

        if (options.DryRun)
        {
            // Every write ran, so every constraint was checked; nothing of it stays and no event is published.
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.CommitAsync(ct);
            outboxSignal.Notify(); // publish now rather than at the next poll
        }

        return new ImportReport
        {
            Kind = options.Kind,
            RowsRead = file.Rows.Count,
            RowsImported = toWrite,
            RowsSkipped = file.Rows.Count - toWrite,
            Encoding = file.Encoding,
            ElapsedMs = watch.ElapsedMilliseconds,
        };
    }

    private static void RequireKind(ImportKind kind, string field)
    {
        if (kind == ImportKind.Unspecified || !Enum.IsDefined(kind))
        {
            throw RpcErrors.InvalidArgument("Say what the file holds.", (field, "is required: structures, declarations or references."));
        }
    }

    /// <summary>A decoded file: its rows, column positions and, for dry runs, its index among the preceding files.</summary>
    private sealed record ParsedFile(ImportKind Kind, List<CsvRow> Rows, Dictionary<string, int> Columns, string Encoding, int Index);

    private static ParsedFile Parse(ImportKind kind, ReadOnlyMemory<byte> content, List<ImportErrorItem> errors, int index)
    {
        var (text, encoding) = CsvDecoding.Decode(content.Span);
        var header = kind switch
        {
            ImportKind.Structures => StructureColumns,
            ImportKind.Declarations => DeclarationColumns,
            _ => ReferenceColumns,
        };
        var fileErrors = new List<ImportErrorItem>();
        var rows = CsvReader.ReadRows(text, header, fileErrors, out var actualHeader,
            kind == ImportKind.Declarations ? DeclarationSplitColumns : null);
        errors.AddRange(fileErrors.Select(e => e with { FileIndex = index }));
        var columns = actualHeader.Select((name, position) => (name, position)).ToDictionary(c => c.name, c => c.position, StringComparer.Ordinal);
        return new ParsedFile(kind, rows, columns, encoding, index);
    }

    private async Task<WritePlan> PlanAsync(
        DbConnection connection, DbTransaction transaction, ParsedFile file, bool skipExisting,
        Dictionary<string, SupportingCollectivity?> collectivityCache, StructureScope scope, List<ImportErrorItem> errors, CancellationToken ct)
    {
        var fileErrors = new List<ImportErrorItem>();
        var plan = file.Kind switch
        {
            ImportKind.Structures => await PlanStructuresAsync(connection, transaction, file.Rows, file.Columns, skipExisting, collectivityCache, scope, fileErrors, ct),
            ImportKind.Declarations => await PlanDeclarationsAsync(connection, transaction, file.Rows, file.Columns, skipExisting, scope, fileErrors, ct),
            _ => await PlanReferencesAsync(connection, transaction, file.Rows, file.Columns, skipExisting, scope, fileErrors, ct),
        };
        errors.AddRange(fileErrors.Select(e => e with { FileIndex = file.Index }));
        return plan;
    }

    private delegate Task Write(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    /// <summary>What to write for the valid rows, in batches: each entry writes <c>Rows</c> rows.</summary>
    private sealed class WritePlan
    {
        public List<(int Rows, Write Write)> Batches { get; } = [];

        public int Rows => Batches.Sum(b => b.Rows);
    }

    private const int BatchSize = 1000;

    private async Task ResolveCollectivitiesAsync(
        List<CsvRow> rows, Dictionary<string, int> columns, Dictionary<string, SupportingCollectivity?> cache, CancellationToken ct)
    {
        var today = clock.Today();
        foreach (var id in rows.Select(r => r.Fields[columns["supporting_collectivity_id"]].Trim()).Where(id => id.Length > 0).Distinct())
        {
            if (!cache.ContainsKey(id))
            {
                cache[id] = await collectivities.FindAsync(id, today, ct);
            }
        }
    }

    private static readonly Dictionary<string, string> StructureFieldColumns = new()
    {
        ["name"] = "name",
        ["kind"] = "kind",
        ["caf.dossier_number"] = "caf_dossier_number",
        ["caf.equipment_code"] = "caf_equipment_code",
        ["address.commune_insee"] = "commune_insee",
        ["address.commune_name"] = "commune_name",
        ["manager.name"] = "manager_name",
        ["manager.mode"] = "management_mode",
        ["capacity.agreed_places"] = "agreed_places",
        ["capacity.etp"] = "etp",
        ["capacity.opening_hours_per_year"] = "opening_hours_per_year",
        ["eaje"] = "supplies_nappies",
        ["alsh"] = "periscolaire",
        ["opening_date"] = "opening_date",
        ["supporting_collectivity_id"] = "supporting_collectivity_id",
    };

    private async Task<WritePlan> PlanStructuresAsync(
        DbConnection connection, DbTransaction transaction, List<CsvRow> rows, Dictionary<string, int> columns, bool skipExisting,
        Dictionary<string, SupportingCollectivity?> collectivityCache, StructureScope scope, List<ImportErrorItem> errors, CancellationToken ct)
    {
        var (dossiers, equipments, ids) = await structures.AllKeysAsync(connection, transaction, ct);
        var idsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var dossiersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var equipmentsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<Structure>(rows.Count);
        var recordedAt = clock.NowIso();
        var today = clock.Today();

        foreach (var row in rows)
        {
            var cells = new CsvCells(row, columns, errors);
            var id = cells.Text("structure_id");
            if (id.Length > 0 && !StructureRules.IsValidId(id))
            {
                cells.Error("structure_id", "must be 3 to 100 characters: lower-case letters, digits, '.', '_' or '-'.");
            }

            if (id.Length > 0 && !idsInFile.TryAdd(id, row.Line))
            {
                cells.Error("structure_id", $"is also on line {idsInFile[id]}.");
            }

            if (skipExisting && ids.Contains(id))
            {
                continue;
            }

            if (ids.Contains(id))
            {
                cells.Error("structure_id", "is already registered.");
            }

            var details = ReadStructureDetails(cells);
            var validation = new Validation();
            StructureRules.Validate(validation, details, "");
            foreach (var (field, description) in validation.Violations)
            {
                var path = field.TrimStart('.');
                // An unreadable kind was reported by its cell; what depends on the kind cannot be judged.
                if (details.Kind == StructureKind.Unspecified && path is "kind" or "eaje" or "alsh" or "capacity.agreed_places" or "capacity.etp" or "capacity.opening_hours_per_year")
                {
                    continue;
                }

                cells.Error(StructureFieldColumns.GetValueOrDefault(path, path), description);
            }

            CheckUnique(cells, details.Caf.DossierNumber, "caf_dossier_number", dossiers, dossiersInFile);
            CheckUnique(cells, details.Caf.EquipmentCode, "caf_equipment_code", equipments, equipmentsInFile);

            SupportingCollectivity? collectivity = null;
            if (details.SupportingCollectivityId.Length > 0)
            {
                collectivity = collectivityCache.GetValueOrDefault(details.SupportingCollectivityId);
                if (collectivity is null)
                {
                    cells.Error("supporting_collectivity_id", $"'{details.SupportingCollectivityId}' is not a signatory of any CTG.");
                }
                else if (scope.Cafs is { } cafs && !cafs.Contains(collectivity.CafDepartement, StringComparer.Ordinal))
                {
                    cells.Error("supporting_collectivity_id", $"'{details.SupportingCollectivityId}' belongs to a CTG of another CAF than yours.");
                }
            }

            var effectiveFrom = cells.Date("effective_from");
            if (cells.HasErrors)
            {
                continue;
            }

            var structure = new Structure
            {
                StructureId = id.Length > 0 ? id : "str-" + Guid.NewGuid().ToString("N"),
                Details = StructureRegistryService.Normalize(details),
                ConventionId = collectivity!.ConventionId,
                CafDepartement = collectivity.CafDepartement,
                Version = 1,
                EffectiveFrom = (effectiveFrom ?? details.OpeningDate.ToDateOnly() ?? today).ToProto(),
                RecordedAt = recordedAt,
            };
            valid.Add(structure);
        }

        var plan = new WritePlan();
        foreach (var batch in valid.Chunk(BatchSize))
        {
            plan.Batches.Add((batch.Length, async (c, t, token) =>
            {
                await StructureStore.InsertManyAsync(c, t, batch, "imported", token);
                foreach (var structure in batch)
                {
                    await outbox.AddAsync(t, StructureTopics.StructureRegistered, new StructureRegisteredV1(StructureStore.Snapshot(structure)), token);
                }
            }));
        }

        return plan;
    }

    private static void CheckUnique(CsvCells cells, string value, string column, HashSet<string> existing, Dictionary<string, int> inFile)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (existing.Contains(value))
        {
            cells.Error(column, $"'{value}' is already the identifier of a registered structure.");
        }
        else if (!inFile.TryAdd(value, cells.Line))
        {
            cells.Error(column, $"'{value}' is also on line {inFile[value]}.");
        }
    }

    private static StructureDetails ReadStructureDetails(CsvCells cells)
    {
        var kind = cells.Code("kind", Values.KindsByCode, required: true);
        var details = new StructureDetails
        {
            Caf = new CafIdentifiers { DossierNumber = cells.Text("caf_dossier_number"), EquipmentCode = cells.Text("caf_equipment_code") },
            Name = cells.Text("name"),
            Kind = kind,
            Address = new Address
            {
                Street = cells.Text("street"),
                PostalCode = cells.Text("postal_code"),
                CommuneName = cells.Text("commune_name"),
                CommuneInsee = cells.Text("commune_insee").ToUpperInvariant(),
            },
            Manager = new Manager { Name = cells.Text("manager_name"), Mode = cells.Code("management_mode", Values.ModesByCode, required: false) },
            Capacity = new Capacity
            {
                Etp = cells.DecimalValue("etp"),
                OpeningHoursPerYear = cells.DecimalValue("opening_hours_per_year"),
            },
            OpeningDate = cells.Date("opening_date")?.ToProto(),
            SupportingCollectivityId = cells.Text("supporting_collectivity_id"),
            SourceNote = cells.Text("source_note"),
        };
        if (cells.Int("agreed_places") is { } places)
        {
            details.Capacity.AgreedPlaces = places;
        }

        var nappies = cells.Bool("supplies_nappies");
        var meals = cells.Bool("supplies_meals");
        if (nappies is not null || meals is not null)
        {
            details.Eaje = new EajeOptions { SuppliesNappies = nappies ?? false, SuppliesMeals = meals ?? false };
        }

        var peri = cells.Bool("periscolaire");
        var extra = cells.Bool("extrascolaire");
        if (peri is not null || extra is not null)
        {
            details.Alsh = new AlshOptions { Periscolaire = peri ?? false, Extrascolaire = extra ?? false };
        }

        return details;
    }

    /// <summary>The structures a file names that the caller may see (another's is "not a registered structure").</summary>
    private static async Task<Dictionary<string, Structure>> LoadStructuresAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> ids, StructureScope scope, CancellationToken ct)
    {
        var wanted = ids.Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, Structure>(StringComparer.Ordinal);
        // Only the rows named by the file are decoded: the registry may hold the national 53,000.
        foreach (var (id, data) in await connection.QueryAsync<(string Id, string Data)>(new CommandDefinition(
                     "SELECT structure_id, data FROM structures", transaction: transaction, cancellationToken: ct)))
        {
            if (wanted.Contains(id) && StructureStore.FromStored<Structure>(data) is var structure && scope.Allows(structure))
            {
                result[id] = structure;
            }
        }

        return result;
    }

    private static readonly Dictionary<string, string> FigureColumns = new()
    {
        ["operating_costs"] = "operating_costs_cents",
        ["family_participations"] = "family_participations_cents",
        ["periscolaire"] = "periscolaire_hours_attended",
        ["extrascolaire"] = "extrascolaire_hours_attended",
        ["periscolaire.hours_attended"] = "periscolaire_hours_attended",
        ["periscolaire.operating_costs"] = "periscolaire_operating_costs_cents",
        ["extrascolaire.hours_attended"] = "extrascolaire_hours_attended",
        ["extrascolaire.operating_costs"] = "extrascolaire_operating_costs_cents",
    };

    private async Task<WritePlan> PlanDeclarationsAsync(
        DbConnection connection, DbTransaction transaction, List<CsvRow> rows, Dictionary<string, int> columns, bool skipExisting,
        StructureScope scope, List<ImportErrorItem> errors, CancellationToken ct)
    {
        var known = await LoadStructuresAsync(connection, transaction, rows.Select(r => r.Fields[columns["structure_id"]].Trim()), scope, ct);
        var existing = (await connection.QueryAsync<(string StructureId, int Year, string Version)>(new CommandDefinition(
                "SELECT DISTINCT structure_id, year, version FROM declarations", transaction: transaction, cancellationToken: ct)))
            .ToHashSet();
        var inFile = new Dictionary<(string, int, string), int>();
        var writes = new WritePlan();
        var valid = new List<(Declaration Declaration, ParsedFigures Parsed, Structure Structure)>(rows.Count);
        var today = clock.Today();
        var recordedAt = clock.NowIso();

        foreach (var row in rows)
        {
            var cells = new CsvCells(row, columns, errors);
            var id = cells.Required("structure_id");
            var year = cells.Int("year");
            if (year is null && cells.Text("year").Length == 0)
            {
                cells.Error("year", "is required.");
            }
            else if (year is not null and not (>= DeclarationPolicy.MinYear and <= DeclarationPolicy.MaxYear))
            {
                cells.Error("year", $"must be between {DeclarationPolicy.MinYear} and {DeclarationPolicy.MaxYear}.");
            }

            var version = cells.Code("version", Values.VersionsByCode, required: true);
            var receivedOn = cells.Date("received_on") ?? today;
            if (receivedOn > today)
            {
                cells.Error("received_on", "is in the future.");
            }

            if (id.Length == 0 || year is null || version == DeclarationVersion.Unspecified)
            {
                continue;
            }

            var key = (id, year.Value, version.Code());
            if (!inFile.TryAdd(key, row.Line))
            {
                cells.Error("version", $"the {version.Code()} {year} of '{id}' is also on line {inFile[key]}.");
                continue;
            }

            if (existing.Contains(key))
            {
                if (!skipExisting)
                {
                    cells.Error("version", $"the {version.Code()} {year} of '{id}' exists; corrections go through CorrectDeclaration.");
                }

                continue;
            }

            if (!known.TryGetValue(id, out var structure))
            {
                cells.Error("structure_id", $"'{id}' is not a registered structure.");
                continue;
            }

            var figures = new ActivityFigures
            {
                HoursInvoiced = cells.DecimalValue("hours_invoiced"),
                HoursAttended = cells.DecimalValue("hours_attended"),
                OperatingCosts = cells.Long("operating_costs_cents") is { } costs ? new Money { Cents = costs } : null,
                FamilyParticipations = cells.Long("family_participations_cents") is { } pf ? new Money { Cents = pf } : null,
                RegimeGeneralShare = cells.DecimalValue("regime_general_share"),
                AeehHours = cells.DecimalValue("aeeh_hours"),
                Etp = cells.DecimalValue("etp"),
                OpeningHours = cells.DecimalValue("opening_hours"),
            };
            if (cells.Int("aeeh_children") is { } children)
            {
                figures.AeehChildren = children;
            }

            if (cells.Int("places") is { } places)
            {
                figures.Places = places;
            }

            if (cells.Int("months_open") is { } months)
            {
                figures.MonthsOpen = months;
            }

            figures.Periscolaire = AlshPart(cells, "periscolaire");
            figures.Extrascolaire = AlshPart(cells, "extrascolaire");

            var validation = new Validation();
            var parsed = DeclarationRules.Parse(validation, figures, structure.Details.Kind, "");
            foreach (var (field, description) in validation.Violations.Concat(
                         DeclarationPolicy.Preconditions(structure, year.Value, version, receivedOn, today)))
            {
                var path = field.TrimStart('.');
                cells.Error(FigureColumns.GetValueOrDefault(path, path), description);
            }

            if (cells.HasErrors)
            {
                continue;
            }

            valid.Add((DeclarationPolicy.Build(structure, year.Value, version, parsed, receivedOn, 1, "", recordedAt), parsed, structure));
        }

        foreach (var batch in valid.Chunk(BatchSize))
        {
            writes.Batches.Add((batch.Length, async (c, t, token) =>
            {
                await DeclarationStore.InsertManyAsync(c, t, batch.Select(b => b.Declaration).ToList(), token);
                foreach (var (declaration, parsed, structure) in batch)
                {
                    await outbox.AddAsync(t, StructureTopics.DeclarationSubmitted, DeclarationEvents.Submitted(declaration, parsed, structure), token);
                }
            }));
        }

        return writes;
    }

    private static AlshActivityPart? AlshPart(CsvCells cells, string name)
    {
        var hours = cells.DecimalValue(name + "_hours_attended");
        var costs = cells.Long(name + "_operating_costs_cents");
        return hours is null && costs is null
            ? null
            : new AlshActivityPart { HoursAttended = hours, OperatingCosts = costs is { } c ? new Money { Cents = c } : null };
    }

    private async Task<WritePlan> PlanReferencesAsync(
        DbConnection connection, DbTransaction transaction, List<CsvRow> rows, Dictionary<string, int> columns, bool skipExisting,
        StructureScope scope, List<ImportErrorItem> errors, CancellationToken ct)
    {
        var known = await LoadStructuresAsync(connection, transaction, rows.Select(r => r.Fields[columns["structure_id"]].Trim()), scope, ct);
        var existing = (await connection.QueryAsync<(string StructureId, int Year)>(new CommandDefinition(
                "SELECT structure_id, reference_year FROM cej_references", transaction: transaction, cancellationToken: ct)))
            .ToHashSet();
        var inFile = new Dictionary<(string, int), int>();
        var writes = new WritePlan();
        var recordedAt = clock.NowIso();

        foreach (var row in rows)
        {
            var cells = new CsvCells(row, columns, errors);
            var id = cells.Required("structure_id");
            var year = cells.Int("reference_year");
            var amount = cells.Long("amount_cents");
            var unit = cells.Code("unit", Values.UnitsByCode, required: true);
            var units = cells.DecimalValue("reference_units");
            var validation = new Validation();
            var parsedUnits = ReferenceRules.Validate(validation, year ?? 0, amount, unit, units);
            foreach (var (field, description) in validation.Violations)
            {
                var column = field switch { "amount" or "amount.cents" => "amount_cents", _ => field };
                // A cell that could not be read was reported already.
                if (!(column == "amount_cents" && cells.Text("amount_cents").Length > 0 && amount is null)
                    && !(column == "unit" && unit == ReferenceUnit.Unspecified)
                    && !(column == "reference_year" && year is null && cells.Text("reference_year").Length > 0))
                {
                    cells.Error(column, description);
                }
            }

            if (id.Length == 0 || year is null)
            {
                continue;
            }

            var key = (id, year.Value);
            if (!inFile.TryAdd(key, row.Line))
            {
                cells.Error("reference_year", $"the {year} reference of '{id}' is also on line {inFile[key]}.");
                continue;
            }

            if (existing.Contains(key))
            {
                if (!skipExisting)
                {
                    cells.Error("reference_year", $"'{id}' already has a {year} reference.");
                }

                continue;
            }

            if (!known.TryGetValue(id, out var structure))
            {
                cells.Error("structure_id", $"'{id}' is not a registered structure.");
                continue;
            }

            if (unit != ReferenceUnit.Unspecified)
            {
                foreach (var (field, description) in ReferenceRules.Preconditions(structure, unit))
                {
                    cells.Error(field, description);
                }
            }

            if (cells.HasErrors)
            {
                continue;
            }

            var reference = CejReferencesService.Build(structure, year.Value, amount!.Value, unit, parsedUnits!.Value, cells.Text("source_note"), recordedAt);
            writes.Batches.Add((1, async (c, t, token) =>
            {
                await references.InsertAsync(c, t, reference, structure.ConventionId, token);
                await outbox.AddAsync(t, StructureTopics.ReferenceRecorded, CejReferencesService.Recorded(reference, parsedUnits.Value, structure), token);
            }));
        }

        return writes;
    }
}

/// <summary>Some rows are invalid: nothing was written.</summary>
internal sealed class ImportRejectedException(IReadOnlyList<ImportErrorItem> errors, int rowsRead)
    : Exception($"{errors.Count} error(s) in {rowsRead} row(s); nothing was imported.")
{
    public IReadOnlyList<ImportErrorItem> Errors { get; } = errors;

    public int RowsRead { get; } = rowsRead;
}
