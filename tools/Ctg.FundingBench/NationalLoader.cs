using System.Diagnostics;
using Ctg.Common.V1;
using Ctg.DataGen;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using SigPeriod = Ctg.Signatories.V1.Period;

namespace Ctg.FundingBench;

/// <summary>What loading the national data set into the services took, phase by phase.</summary>
public sealed record LoadReport(
    TimeSpan Conventions, int ConventionCount, int SignatoryCount, int SignatoryCalls,
    TimeSpan StructuresImport, TimeSpan ReferencesImport, TimeSpan DeclarationsImport, int StructureRows, int ReferenceRows, int DeclarationRows,
    TimeSpan Closings, int ClosedCount)
{
    public TimeSpan Total => Conventions + StructuresImport + ReferencesImport + DeclarationsImport + Closings;
}

/// <summary>
/// Loads the national synthetic data set into the real services through their public APIs: each CTG is a
/// convention of the signatories service, sent through its bulk import (ImportConventions, a hundred conventions
/// per request: the draft, its CAF, EPCI and every commune that supports a structure with their deliberations,
/// and each party's signature for the signed ones);
/// structures, CEJ references and declarations go through the structures service's bulk import (ImportCsv, one
/// client stream each); the structures not open during the year are closed (CloseStructure).
/// </summary>
public sealed class NationalLoader(NationalDataSet data, CallInvoker signatories, CallInvoker structures)
{
    private static readonly Date DeliberatedOn = new() { Year = 2022, Month = 11, Day = 15 };
    private static readonly Date SignedOn = new() { Year = 2022, Month = 12, Day = 15 };

    public int Concurrency { get; init; } = 8;

    public async Task<LoadReport> LoadAsync(TextWriter progress)
    {
        var names = CollectivityNames();
        var sw = Stopwatch.StartNew();
        var (signatoryCount, calls) = await LoadConventionsAsync();
        var conventions = sw.Elapsed;
        progress.WriteLine($"  chargé : {N(data.Ctgs.Count)} conventions, {N(signatoryCount)} signataires ({N(calls)} appels) en {S(conventions)}");

        var import = new StructureImport.StructureImportClient(structures);
        var (structuresTime, structureRows) = await ImportAsync(import, ImportKind.Structures, NationalCsv.Structures(data, names));
        progress.WriteLine($"  chargé : {N(structureRows)} structures en {S(structuresTime)}");
        var (referencesTime, referenceRows) = await ImportAsync(import, ImportKind.References, NationalCsv.References(data));
        var (declarationsTime, declarationRows) = await ImportAsync(import, ImportKind.Declarations, NationalCsv.Declarations(data));
        progress.WriteLine($"  chargé : {N(referenceRows)} références CEJ en {S(referencesTime)}, {N(declarationRows)} déclarations en {S(declarationsTime)}");

        sw.Restart();
        var registry = new StructureRegistry.StructureRegistryClient(structures);
        var closed = data.Structures.Where(s => !s.BonusTerritoire.OpenDuringYear).ToList();
        await Parallel.ForEachAsync(closed, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (s, ct) =>
        {
            // Closing is a change of the version the caller read.
            var id = NationalIds.Structure(s.Id);
            var current = await registry.GetStructureAsync(new GetStructureRequest { StructureId = id }, cancellationToken: ct);
            await registry.CloseStructureAsync(new CloseStructureRequest
            {
                StructureId = id, ExpectedVersion = current.Version, ClosingDate = new Date { Year = data.Year - 1, Month = 6, Day = 30 },
                Reason = "fermée avant l'année (jeu synthétique)",
            }, cancellationToken: ct);
        });
        var closings = sw.Elapsed;
        progress.WriteLine($"  chargé : {N(closed.Count)} fermetures en {S(closings)}");
        return new LoadReport(conventions, data.Ctgs.Count, signatoryCount, calls, structuresTime, referencesTime, declarationsTime,
            structureRows, referenceRows, declarationRows, closings, closed.Count);
    }

    /// <summary>Name of every signatory that supports a structure, by its (mapped) id: the structures' manager.</summary>
    private Dictionary<string, string> CollectivityNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ctg in data.Ctgs) names[ctg.EpciId] = "EPCI " + ctg.Name;
        foreach (var commune in data.Communes) names["COMMUNE-" + NationalIds.Insee(commune.InseeCode)] = commune.Name;
        return names;
    }

    /// <summary>Conventions per ImportConventions request.</summary>
    private const int ImportBatchSize = 100;

    private async Task<(int Signatories, int Calls)> LoadConventionsAsync()
    {
        var client = new Conventions.ConventionsClient(signatories);
        var communesByCtg = data.Communes.GroupBy(c => c.CtgId).ToDictionary(g => g.Key, g => g.ToList());
        var supporting = data.Structures.GroupBy(s => s.CtgId).ToDictionary(g => g.Key,
            g => g.Select(s => s.BonusTerritoire.SupportingCollectivityId).Where(id => id.StartsWith("COMMUNE-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
        var signatoryCount = 0;
        var imports = data.Ctgs.Select(ctg =>
        {
            var communes = communesByCtg[ctg.Id];
            var draft = new CreateConventionDraftRequest
            {
                ConventionId = ctg.Id,
                CafDepartement = NationalIds.Departement(communes[0].InseeCode),
                Name = ctg.Name,
                Territory = new Territory(),
                Period = new SigPeriod { Start = new Date { Year = 2023, Month = 1, Day = 1 }, End = new Date { Year = 2027, Month = 12, Day = 31 } },
                Fields = { FieldOfIntervention.PetiteEnfance, FieldOfIntervention.Enfance, FieldOfIntervention.Jeunesse, FieldOfIntervention.Parentalite },
            };
            draft.Territory.Communes.AddRange(communes.Select(c => new Ctg.Signatories.V1.Commune { InseeCode = NationalIds.Insee(c.InseeCode), Name = c.Name, LegalPopulation = c.Population, PopulationYear = 2023 }));

            var parties = new List<Signatory>
            {
                Party(NationalIds.Caf(ctg.Id), "CAF " + draft.CafDepartement, SignatoryKind.Caf, ("Présidente du conseil d'administration", "A. Martin"), ("Directeur", "B. Durand")),
                Party(ctg.EpciId, "EPCI " + ctg.Name, SignatoryKind.Epci, ("Président", "C. Bernard")),
            };
            var needed = supporting.GetValueOrDefault(ctg.Id) ?? [];
            foreach (var commune in communes.Where(c => needed.Contains("COMMUNE-" + c.InseeCode)))
            {
                var party = Party("COMMUNE-" + NationalIds.Insee(commune.InseeCode), commune.Name, SignatoryKind.Commune, ("Maire", "D. Petit"));
                party.CommuneInseeCode = NationalIds.Insee(commune.InseeCode);
                parties.Add(party);
            }

            // Signed ones: every party signs (the convention is signed at the last signature), as the unit calls did.
            var import = new ConventionImport { Draft = draft };
            import.Signatories.AddRange(parties.Select(p => new SignatoryImport { Signatory = p, SignedOn = ctg.Signed ? SignedOn : null }));
            signatoryCount += parties.Count;
            return import;
        }).ToList();

        // The bulk import, a few hundred kilobytes per request (under the 4 MiB message limit), each its own
        // transaction; one after another, since the service's database takes one writer at a time anyway.
        var calls = 0;
        foreach (var batch in imports.Chunk(ImportBatchSize))
        {
            var request = new ImportConventionsRequest { ClientRequestId = $"bench-conventions-{calls}-{batch[0].Draft.ConventionId}" };
            request.Conventions.AddRange(batch);
            await client.ImportConventionsAsync(request, deadline: DateTime.UtcNow.AddMinutes(2));
            calls++;
        }

        return (signatoryCount, calls);
    }

    private static string N(int n) => NationalAllocationBenchmark.N(n);

    private static string S(TimeSpan t) => NationalAllocationBenchmark.S(t);

    private static Signatory Party(string id, string name, SignatoryKind kind, params (string Role, string Name)[] representatives)
    {
        var party = new Signatory
        {
            SignatoryId = id, Name = name, Kind = kind,
            Deliberation = new Deliberation { Body = "Assemblée délibérante", Date = DeliberatedOn, Number = "DEL-" + id },
        };
        party.Representatives.AddRange(representatives.Select(r => new Representative { Role = r.Role, FullName = r.Name }));
        return party;
    }

    private static async Task<(TimeSpan Elapsed, int Rows)> ImportAsync(StructureImport.StructureImportClient import, ImportKind kind, byte[] csv)
    {
        var sw = Stopwatch.StartNew();
        using var call = import.ImportCsv(deadline: DateTime.UtcNow.AddMinutes(10));
        const int chunk = 1024 * 1024;
        for (var offset = 0; offset < csv.Length; offset += chunk)
        {
            var message = new CsvChunk { Content = ByteString.CopyFrom(csv, offset, Math.Min(chunk, csv.Length - offset)) };
            if (offset == 0) message.Options = new ImportOptions { Kind = kind };
            await call.RequestStream.WriteAsync(message);
        }

        await call.RequestStream.CompleteAsync();
        var report = await call.ResponseAsync;
        return (sw.Elapsed, report.RowsImported);
    }
}
