using System.Data.Common;
using System.Diagnostics;
using Ctg.Application.Commands;
using Ctg.Common.V1;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Declarations;
using Ctg.Structures.References;
using Ctg.Structures.Registry;
using Ctg.Structures.Shared;
using Ctg.Structures.Upstream;
using Ctg.Structures.V1;
using Dapper;
using Google.Protobuf;

namespace Ctg.Structures.Import;

/// <summary>Bulk import of structures, declarations or references from a ';' CSV, as ONE command of the
/// pipeline (one transaction, its events in the outbox, one audit record), or nothing. This class only
/// reads the files and reports rows: each row goes through the same handler as the single-structure RPC
/// (<see cref="RegisterStructureHandler"/>, <see cref="RecordDeclarationHandler"/>, <see cref="RecordReferenceHandler"/>),
/// whose refusals become that row's errors with their line and column; every row is tried, and any error
/// rolls the whole import back.</summary>
internal sealed class CsvImporter(
    ICommandPipeline pipeline,
    StructureStore structures,
    ReferenceStore references,
    SupportingCollectivityDirectory collectivities,
    TimeProvider clock)
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

    /// <summary>Imports one file as command <paramref name="commandName"/>. With <c>options.DryRun</c> everything
    /// runs, writes included, and the transaction is rolled back; <c>preceding_files</c> (dry run only) are applied
    /// first in the same transaction so the file is judged as it would be after them, and <c>pending_signatories</c>
    /// (dry run only) are signatories the same import creates before it runs for real. With
    /// <c>options.client_request_id</c> a retried import answers the first report and writes nothing.</summary>
    public async Task<ImportReport> ImportAsync(ImportCsvRequest request, CallerIdentity caller, ProgressSink? progress, CancellationToken ct,
        string commandName = "structures.ImportCsv")
    {
        var options = request.Options ?? new ImportOptions();
        var preceding = request.PrecedingFiles;
        var pending = request.PendingSignatories;
        var scope = StructureScope.Of(caller);
        var watch = Stopwatch.StartNew();
        progress ??= _ => Task.CompletedTask;
        var checks = new Violations();
        RequireKind(checks, options.Kind, "options.kind");
        checks.Require(preceding.Count == 0 || options.DryRun, "preceding_files", "are only accepted with options.dry_run.");
        // A real import always checks its collectivities with the signatories service.
        checks.Require(pending.Count == 0 || options.DryRun, "pending_signatories", "are only accepted with options.dry_run.");
        for (var i = 0; i < preceding.Count; i++)
        {
            RequireKind(checks, preceding[i].Options?.Kind ?? ImportKind.Unspecified, $"preceding_files[{i}].options.kind");
        }

        checks.ThrowIfAny(preceding.Count > 0 && !options.DryRun ? "Preceding files are only for a dry run."
            : pending.Count > 0 && !options.DryRun ? "Pending signatories are only for a dry run." : "Say what the file holds.");

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

        var file = Parse(options.Kind, request.Content.Memory, errors, -1);
        var total = file.Rows.Count + errors.Count(e => e.FileIndex == -1);
        await progress(new ImportProgress { Phase = "validating", RowsDone = 0, RowsTotal = total });

        // Network checks happen before the transaction: never hold a write lock while waiting on another service.
        var collectivityCache = pending.Where(p => p.SignatoryId.Length > 0).ToDictionary(
            p => p.SignatoryId,
            // The convention that will hold it is created by this caller's own import, so in this rolled-back dry run it
            // is taken as of the caller's CAF (the real import records the convention's own CAF from the signatories service).
            p => (SupportingCollectivity?)new SupportingCollectivity(p.SignatoryId, p.ConventionId, p.Name, Ctg.Signatories.V1.SignatoryKind.Unspecified, Ctg.Signatories.V1.ConventionStatus.Draft,
                caller.Cafs.FirstOrDefault() ?? ""),
            StringComparer.Ordinal);
        foreach (var parsed in earlier.Append(file).Where(f => f.Kind == ImportKind.Structures))
        {
            await ResolveCollectivitiesAsync(parsed.Rows, parsed.Columns, collectivityCache, ct);
        }

        var command = new CommandInfo(commandName, request.ToByteArray(), caller)
        {
            DryRun = options.DryRun,
            ClientRequestId = options.DryRun || options.ClientRequestId.Length == 0 ? null : options.ClientRequestId,
        };
        return await pipeline.ExecuteIdempotentAsync(command, async ctx =>
        {
            await using var cache = await SqliteImportCache.EnlargeAsync(ctx);
            foreach (var parsed in earlier)
            {
                // Dry run only: the valid rows of an earlier file are written (and rolled back with the rest)
                // so that later files see the structures they name.
                await ApplyAsync(ctx, parsed, options.SkipExisting || (preceding[parsed.Index].Options?.SkipExisting ?? false),
                    collectivityCache, scope, errors, _ => Task.CompletedTask);
            }

            var done = 0;
            var reported = 0;
            await progress(new ImportProgress { Phase = "writing", RowsDone = 0, RowsTotal = file.Rows.Count });
            var imported = await ApplyAsync(ctx, file, options.SkipExisting, collectivityCache, scope, errors, async count =>
            {
                done += count;
                if (done - reported >= ProgressEvery)
                {
                    reported = done;
                    await progress(new ImportProgress { Phase = "writing", RowsDone = done, RowsTotal = file.Rows.Count });
                }
            });
            if (errors.Count > 0)
            {
                throw new ImportRejectedError(errors.OrderBy(e => e.FileIndex == -1 ? int.MaxValue : e.FileIndex).ThenBy(e => e.Line).ToList(), total);
            }

            return new ImportReport
            {
                Kind = options.Kind,
                RowsRead = file.Rows.Count,
                RowsImported = imported,
                RowsSkipped = file.Rows.Count - imported,
                Encoding = file.Encoding,
                ElapsedMs = watch.ElapsedMilliseconds,
            };
        }, ct);
    }

    private static void RequireKind(Violations violations, ImportKind kind, string field) =>
        violations.Require(kind != ImportKind.Unspecified && Enum.IsDefined(kind), field, "is required: structures, declarations or references.");

    /// <summary>A decoded file: its rows, column positions and, for dry runs, its index among the preceding files.</summary>
    private sealed record ParsedFile(ImportKind Kind, CsvRows Rows, Dictionary<string, int> Columns, string Encoding, int Index);

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

    /// <summary>Runs every row of a file through its handler; returns how many were imported. Errors are added
    /// with the file's index.</summary>
    private async Task<int> ApplyAsync(
        ICommandContext ctx, ParsedFile file, bool skipExisting, Dictionary<string, SupportingCollectivity?> collectivityCache, StructureScope scope,
        List<ImportErrorItem> errors, Func<int, Task> written)
    {
        var fileErrors = new List<ImportErrorItem>();
        var imported = file.Kind switch
        {
            ImportKind.Structures => await ApplyStructuresAsync(ctx, file.Rows, file.Columns, skipExisting, collectivityCache, fileErrors, written),
            ImportKind.Declarations => await ApplyDeclarationsAsync(ctx, file.Rows, file.Columns, skipExisting, scope, fileErrors, written),
            _ => await ApplyReferencesAsync(ctx, file.Rows, file.Columns, skipExisting, scope, fileErrors, written),
        };
        errors.AddRange(fileErrors.Select(e => e with { FileIndex = file.Index }));
        return imported;
    }

    private async Task ResolveCollectivitiesAsync(
        CsvRows rows, Dictionary<string, int> columns, Dictionary<string, SupportingCollectivity?> cache, CancellationToken ct)
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

    /// <summary>A handler's refusal as errors of the row: each violation on the column of its field, or one error
    /// on <paramref name="defaultColumn"/> when the refusal names no field.</summary>
    private static void Report(CsvCells cells, DomainError error, IReadOnlyDictionary<string, string> columnsOfFields, string defaultColumn)
    {
        if (error.Violations.Count == 0)
        {
            cells.Error(defaultColumn, error.Message);
            return;
        }

        foreach (var violation in error.Violations)
        {
            var path = violation.Field.TrimStart('.');
            cells.Error(columnsOfFields.GetValueOrDefault(path, path), violation.Description);
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

    private async Task<int> ApplyStructuresAsync(
        ICommandContext ctx, CsvRows rows, Dictionary<string, int> columns, bool skipExisting,
        Dictionary<string, SupportingCollectivity?> collectivityCache, List<ImportErrorItem> errors, Func<int, Task> written)
    {
        var writes = await BulkStructureWrites.LoadAsync(ctx.Connection, ctx.Transaction, structures, written, ctx.CancellationToken);
        var idsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var dossiersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var equipmentsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var imported = 0;
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

            if (skipExisting && writes.IsRegistered(id))
            {
                continue;
            }

            var details = ReadStructureDetails(cells);
            CheckUniqueInFile(cells, details.Caf.DossierNumber.Trim(), "caf_dossier_number", dossiersInFile);
            CheckUniqueInFile(cells, details.Caf.EquipmentCode.Trim(), "caf_equipment_code", equipmentsInFile);
            var effectiveFrom = cells.Date("effective_from");
            if (writes.IsRegistered(id) && idsInFile.GetValueOrDefault(id) == row.Line)
            {
                // Registered before this import. The handler would stop at the id; the row also says which of its CAF identifiers are taken.
                cells.Error("structure_id", "is already registered.");
                foreach (var (value, column) in new[] { (details.Caf.DossierNumber.Trim(), "caf_dossier_number"), (details.Caf.EquipmentCode.Trim(), "caf_equipment_code") })
                {
                    var only = column == "caf_dossier_number" ? new CafIdentifiers { DossierNumber = value } : new CafIdentifiers { EquipmentCode = value };
                    if (value.Length > 0 && await writes.FindCafCollisionAsync(only, "", ctx.CancellationToken) is not null)
                    {
                        cells.Error(column, $"'{value}' is already the identifier of a registered structure.");
                    }
                }
            }

            if (cells.HasErrors)
            {
                // The row cannot be registered; its other mistakes are still reported, by the same rules.
                var validation = new Violations();
                StructureRules.Validate(validation, details, "");
                foreach (var violation in validation.Items)
                {
                    var path = violation.Field.TrimStart('.');
                    // An unreadable kind was reported by its cell; what depends on the kind cannot be judged.
                    if (!(details.Kind == StructureKind.Unspecified && path is "kind" or "eaje" or "alsh" or "capacity.agreed_places" or "capacity.etp" or "capacity.opening_hours_per_year"))
                    {
                        cells.Error(StructureFieldColumns.GetValueOrDefault(path, path), violation.Description);
                    }
                }

                continue;
            }

            var collectivity = details.SupportingCollectivityId.Trim() is { Length: > 0 } signatory ? collectivityCache.GetValueOrDefault(signatory) : null;
            try
            {
                await RegisterStructureHandler.HandleAsync(ctx, writes, new RegisterStructureCommand(id, details, effectiveFrom, collectivity, DetailsField: ""));
                imported++;
            }
            catch (AccessDeniedError denied)
            {
                cells.Error("supporting_collectivity_id", denied.Message);
            }
            catch (DomainError refused)
            {
                Report(cells, refused, StructureFieldColumns, "structure_id");
            }
        }

        await writes.FlushAsync(ctx.CancellationToken);
        return imported;
    }

    private static void CheckUniqueInFile(CsvCells cells, string value, string column, Dictionary<string, int> inFile)
    {
        if (value.Length > 0 && !inFile.TryAdd(value, cells.Line))
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

    private static async Task<int> ApplyDeclarationsAsync(
        ICommandContext ctx, CsvRows rows, Dictionary<string, int> columns, bool skipExisting, StructureScope scope,
        List<ImportErrorItem> errors, Func<int, Task> written)
    {
        var known = await NamedStructures.LoadAsync(ctx, rows.Select(r => r.Fields[columns["structure_id"]].Trim()), scope);
        var writes = await BulkDeclarationWrites.LoadAsync(ctx.Connection, ctx.Transaction, known, written, ctx.CancellationToken);
        var inFile = new Dictionary<(string, int, string), int>();
        var today = DateOnly.FromDateTime(ctx.Now.UtcDateTime);
        var imported = 0;
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

            if (skipExisting && writes.IsDeclared(id, year.Value, version))
            {
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
            if (cells.HasErrors)
            {
                continue;
            }

            try
            {
                await RecordDeclarationHandler.HandleAsync(ctx, writes, scope,
                    new DeclarationCommand(id, year.Value, version, figures, receivedOn, null, 0, FiguresField: ""));
                imported++;
            }
            catch (NotFoundError)
            {
                cells.Error("structure_id", $"'{id}' is not a registered structure.");
            }
            catch (AlreadyExistsError)
            {
                cells.Error("version", $"the {version.Code()} {year} of '{id}' exists; corrections go through CorrectDeclaration.");
            }
            catch (DomainError refused)
            {
                Report(cells, refused, FigureColumns, "row");
            }
        }

        await writes.FlushAsync(ctx.CancellationToken);
        return imported;
    }

    private static AlshActivityPart? AlshPart(CsvCells cells, string name)
    {
        var hours = cells.DecimalValue(name + "_hours_attended");
        var costs = cells.Long(name + "_operating_costs_cents");
        return hours is null && costs is null
            ? null
            : new AlshActivityPart { HoursAttended = hours, OperatingCosts = costs is { } c ? new Money { Cents = c } : null };
    }

    private async Task<int> ApplyReferencesAsync(
        ICommandContext ctx, CsvRows rows, Dictionary<string, int> columns, bool skipExisting, StructureScope scope,
        List<ImportErrorItem> errors, Func<int, Task> written)
    {
        var known = await NamedStructures.LoadAsync(ctx, rows.Select(r => r.Fields[columns["structure_id"]].Trim()), scope);
        var writes = await BulkReferenceWrites.LoadAsync(ctx.Connection, ctx.Transaction, references, known, written, ctx.CancellationToken);
        var inFile = new Dictionary<(string, int), int>();
        var imported = 0;
        foreach (var row in rows)
        {
            var cells = new CsvCells(row, columns, errors);
            var id = cells.Required("structure_id");
            var year = cells.Int("reference_year");
            var amount = cells.Long("amount_cents");
            var unit = cells.Code("unit", Values.UnitsByCode, required: true);
            var units = cells.DecimalValue("reference_units");
            var validation = new Violations();
            var parsedUnits = ReferenceRules.Validate(validation, year ?? 0, amount, unit, units);
            foreach (var violation in validation.Items)
            {
                var column = violation.Field switch { "amount" or "amount.cents" => "amount_cents", var f => f };
                // A cell that could not be read was reported already.
                if (!(column == "amount_cents" && cells.Text("amount_cents").Length > 0 && amount is null)
                    && !(column == "unit" && unit == ReferenceUnit.Unspecified)
                    && !(column == "reference_year" && year is null && cells.Text("reference_year").Length > 0))
                {
                    cells.Error(column, violation.Description);
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

            if (skipExisting && writes.IsRecorded(id, year.Value))
            {
                continue;
            }

            if (cells.HasErrors)
            {
                // Still say when the structure itself is unknown, as the RPC would.
                if (!known.Contains(id))
                {
                    cells.Error("structure_id", $"'{id}' is not a registered structure.");
                }

                continue;
            }

            try
            {
                await RecordReferenceHandler.HandleAsync(ctx, writes, scope,
                    new ReferenceCommand(id, year.Value, amount!.Value, unit, parsedUnits!.Value, cells.Text("source_note")));
                imported++;
            }
            catch (NotFoundError)
            {
                cells.Error("structure_id", $"'{id}' is not a registered structure.");
            }
            catch (AlreadyExistsError)
            {
                cells.Error("reference_year", $"'{id}' already has a {year} reference.");
            }
            catch (DomainError refused)
            {
                Report(cells, refused, ReferenceColumnsOfFields, "row");
            }
        }

        await writes.FlushAsync(ctx.CancellationToken);
        return imported;
    }

    private static readonly Dictionary<string, string> ReferenceColumnsOfFields = new() { ["amount"] = "amount_cents", ["amount.cents"] = "amount_cents" };
}

/// <summary>Some rows are invalid: nothing was written. Every error, with its file, line and column; the
/// pipeline records the refusal, the endpoint streams or lists the errors.</summary>
internal sealed class ImportRejectedError(IReadOnlyList<ImportErrorItem> errors, int rowsRead)
    : DomainError($"{errors.Count} error(s) in {rowsRead} row(s); nothing was imported.")
{
    public override string Kind => "rule_violation";

    public IReadOnlyList<ImportErrorItem> Errors { get; } = errors;

    public int RowsRead { get; } = rowsRead;
}
