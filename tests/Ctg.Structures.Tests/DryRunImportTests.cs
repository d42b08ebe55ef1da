using Ctg.ServiceDefaults;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>options.dry_run: the whole import runs, database checks included, and is rolled back.</summary>
public sealed class DryRunImportTests
{
    [Fact]
    public async Task A_dry_run_of_a_valid_file_reports_its_rows_and_writes_nothing()
    {
        await using var h = await StructuresHarness.StartAsync();
        var before = await h.SnapshotAsync();
        var file = Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-a", "A"), Csv.Alsh("str-b", "B"));

        var unary = await DryRunAsync(h.Import, ImportKind.Structures, file);
        var (phases, errors, report, status) = await DryRunWithProgressAsync(h.Import, ImportKind.Structures, file);

        Assert.Equal((2, 2, 0), (unary.RowsRead, unary.RowsImported, unary.RowsSkipped));
        Assert.Equal(StatusCode.OK, status);
        Assert.Empty(errors);
        Assert.Equal("checked", phases[^1]);
        Assert.Equal((2, 2), (report!.RowsRead, report.RowsImported));
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Empty(await h.OutboxAsync());
        // The real import of the same file then goes through: the dry run left no row behind.
        Assert.Equal(2, (await h.Import.ImportAsync(ImportKind.Structures, file)).RowsImported);
    }

    [Fact]
    public async Task A_dry_run_of_a_bad_file_reports_the_errors_of_the_real_run_including_database_checks()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-a", "A", dossier: "D-1")));
        var before = await h.SnapshotAsync();
        var bad = Csv.Utf8(Csv.StructureHeader,
            Csv.Eaje("str-a", "Again"),                 // line 2: already registered (database check)
            Csv.Eaje("str-c", "C", places: "0"),        // line 3: no place
            Csv.Alsh("str-d", "D"));                     // line 4: fine

        var real = await Fails(() => h.Import.ImportAsync(ImportKind.Structures, bad));
        var dry = await Fails(() => DryRunAsync(h.Import, ImportKind.Structures, bad));
        var (_, streamed, _, status) = await DryRunWithProgressAsync(h.Import, ImportKind.Structures, bad);

        Assert.Equal(["line 2: structure_id", "line 3: agreed_places"], real.Fields());
        Assert.Equal(StatusCode.InvalidArgument, dry.StatusCode);
        Assert.Equal(real.Fields(), dry.Fields());
        Assert.Equal(real.FieldViolations().Select(v => v.Description), dry.FieldViolations().Select(v => v.Description));
        Assert.Equal(StatusCode.InvalidArgument, status);
        Assert.Equal([(2, "structure_id", -1), (3, "agreed_places", -1)], streamed.Select(e => (e.Line, e.Field, e.FileIndex)));
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task Preceding_files_are_applied_in_the_rolled_back_transaction_and_their_errors_carry_their_index()
    {
        await using var h = await StructuresHarness.StartAsync();
        var before = await h.SnapshotAsync();
        var structures = Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-new", "Nouvelle crèche"));
        var references = Csv.Utf8(Csv.ReferenceHeader, "str-new;2018;8244200;places;30;");

        // Alone, the references name a structure that does not exist yet; after the structures file they are fine.
        var alone = await Fails(() => DryRunAsync(h.Import, ImportKind.References, references));
        var (_, errors, report, status) = await DryRunWithProgressAsync(h.Import, ImportKind.References, references,
            new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(structures) });
        var badFirst = Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-new", "Nouvelle crèche", places: "0"));
        var (_, badErrors, _, badStatus) = await DryRunWithProgressAsync(h.Import, ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Alsh("str-x", "X")),
            new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(badFirst) });

        Assert.Equal(["line 2: structure_id"], alone.Fields());
        Assert.Equal(StatusCode.OK, status);
        Assert.Empty(errors);
        Assert.Equal(1, report!.RowsImported);
        Assert.Equal(StatusCode.InvalidArgument, badStatus);
        Assert.Equal([(2, "agreed_places", 0)], badErrors.Select(e => (e.Line, e.Field, e.FileIndex)));
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Empty(await h.OutboxAsync());
    }

    [Fact]
    public async Task Preceding_files_without_dry_run_are_refused()
    {
        await using var h = await StructuresHarness.StartAsync();
        var request = new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.Structures },
            Content = ByteString.CopyFrom(Csv.Utf8(Csv.StructureHeader)),
            PrecedingFiles = { new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(Csv.Utf8(Csv.StructureHeader)) } },
        };

        var e = await Fails(async () =>
        {
            using var call = h.Import.ImportCsvWithProgress(request);
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["preceding_files"], e.Fields());
    }

    [Fact]
    public async Task Pending_signatories_are_taken_as_known_collectivities_by_a_dry_run_only()
    {
        await using var h = await StructuresHarness.StartAsync();
        var before = await h.SnapshotAsync();
        var structures = Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-new", "Nouvelle crèche", supporting: "sig-unknown-until-imported"));
        var references = Csv.Utf8(Csv.ReferenceHeader, "str-new;2018;8244200;places;30;");
        var pending = new PendingSignatory { SignatoryId = "sig-unknown-until-imported", ConventionId = "ctg-new-2026", Name = "Commune nouvelle" };
        ImportCsvRequest Request(bool dryRun, params PendingSignatory[] signatories)
        {
            var request = new ImportCsvRequest
            {
                Options = new ImportOptions { Kind = ImportKind.References, DryRun = dryRun },
                Content = ByteString.CopyFrom(references),
                PrecedingFiles = { new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(structures) } },
            };
            request.PendingSignatories.AddRange(signatories);
            return request;
        }

        async Task<(StatusCode Status, List<ImportError> Errors, RpcException? Error)> RunAsync(ImportCsvRequest request)
        {
            var errors = new List<ImportError>();
            try
            {
                using var call = h.Import.ImportCsvWithProgress(request);
                await foreach (var step in call.ResponseStream.ReadAllAsync())
                {
                    errors.AddRange(step.Errors);
                }
            }
            catch (RpcException e)
            {
                return (e.StatusCode, errors, e);
            }

            return (StatusCode.OK, errors, null);
        }

        // Without it, the signatory is unknown to the signatories service ("unknown" ids are, in its test double)
        // and the references then name a structure the dry run could not write.
        var unknown = await RunAsync(Request(dryRun: true));
        var known = await RunAsync(Request(dryRun: true, pending));
        var notDry = await RunAsync(new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.Structures },
            Content = ByteString.CopyFrom(structures),
            PendingSignatories = { pending },
        });

        Assert.Equal([(2, "supporting_collectivity_id", 0), (2, "structure_id", -1)], unknown.Errors.Select(e => (e.Line, e.Field, e.FileIndex)));
        Assert.Equal((StatusCode.OK, 0), (known.Status, known.Errors.Count));
        Assert.Equal(StatusCode.InvalidArgument, notDry.Status);
        Assert.Equal(["pending_signatories"], notDry.Error!.Fields());
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Empty(await h.OutboxAsync());
    }

    private static async Task<ImportReport> DryRunAsync(StructureImport.StructureImportClient client, ImportKind kind, byte[] content)
    {
        using var call = client.ImportCsv();
        await call.RequestStream.WriteAsync(new CsvChunk { Options = new ImportOptions { Kind = kind, DryRun = true }, Content = ByteString.CopyFrom(content) });
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private static async Task<(List<string> Phases, List<ImportError> Errors, ImportReport? Report, StatusCode Status)> DryRunWithProgressAsync(
        StructureImport.StructureImportClient client, ImportKind kind, byte[] content, params ImportCsvRequest[] preceding)
    {
        var request = new ImportCsvRequest { Options = new ImportOptions { Kind = kind, DryRun = true }, Content = ByteString.CopyFrom(content) };
        request.PrecedingFiles.AddRange(preceding);
        using var call = client.ImportCsvWithProgress(request);
        var phases = new List<string>();
        var errors = new List<ImportError>();
        ImportReport? report = null;
        try
        {
            await foreach (var step in call.ResponseStream.ReadAllAsync())
            {
                phases.Add(step.Phase);
                errors.AddRange(step.Errors);
                report = step.Report ?? report;
            }
        }
        catch (RpcException e)
        {
            return (phases, errors, report, e.StatusCode);
        }

        return (phases, errors, report, StatusCode.OK);
    }
}
