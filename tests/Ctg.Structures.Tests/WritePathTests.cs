using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>The write path: retried creates with the same client request id write once; a refused attempt
/// leaves only its audit record.</summary>
public sealed class WritePathTests
{
    private static async Task<StructuresHarness> StartAsync()
    {
        var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje(), EffectiveFrom = D(2012, 9, 1) });
        return h;
    }

    [Fact]
    public async Task A_retried_submit_with_the_same_client_request_id_answers_the_first_declaration_and_writes_nothing()
    {
        await using var h = await StartAsync();
        var request = new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = EajeFigures(), ReceivedOn = D(2025, 2, 1), ClientRequestId = "req-1",
        };
        var first = await h.Declarations.SubmitDeclarationAsync(request);
        var before = await h.SnapshotAsync();

        var again = await h.Declarations.SubmitDeclarationAsync(request);
        var other = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest(request) { Figures = EajeFigures("50000", "45000") }));

        Assert.Equal(first, again);
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
        Assert.Equal(["client_request_id"], other.Fields());
        // Without an id, the same submission is the usual ALREADY_EXISTS on version.
        var plain = await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest(request) { ClientRequestId = "" }));
        Assert.Equal(["version"], plain.Fields());
    }

    [Fact]
    public async Task A_retried_reference_and_import_with_their_client_request_ids_write_once()
    {
        await using var h = await StartAsync();
        var reference = new RecordReferenceRequest
        {
            StructureId = "str-eaje", ReferenceYear = 2018, Amount = Cents(8_244_200), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30"), ClientRequestId = "ref-1",
        };
        var recorded = await h.References.RecordReferenceAsync(reference);
        Assert.Equal(recorded, await h.References.RecordReferenceAsync(reference));

        var import = new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.Structures, ClientRequestId = "imp-1" },
            Content = ByteString.CopyFrom(Csv.Utf8(Csv.StructureHeader, Csv.Alsh("str-alsh-x", "ALSH X"))),
        };
        var first = await ImportAsync(h, import);
        var before = await h.SnapshotAsync();
        var second = await ImportAsync(h, import);

        Assert.Equal(1, first.RowsImported);
        Assert.Equal(first, second);
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Equal(1, await h.CountAsync("cej_references"));
    }

    [Fact]
    public async Task Every_command_leaves_one_audit_record_and_a_refused_one_only_its_record()
    {
        await using var h = await StartAsync();
        await Fails(h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
        {
            StructureId = "str-eaje", Year = 2024, Version = DeclarationVersion.Reel, Figures = new ActivityFigures(), ReceivedOn = D(2025, 2, 1),
        }));

        var rows = await h.AuditAsync();

        Assert.Equal(["structures.RegisterStructure succeeded", "structures.SubmitDeclaration rule_violation"], rows);
        Assert.Equal(0, await h.CountAsync("declarations"));
    }

    private static async Task<ImportReport> ImportAsync(StructuresHarness h, ImportCsvRequest request)
    {
        using var call = h.Import.ImportCsvWithProgress(request);
        var messages = await call.ResponseStream.ReadAllAsync().ToListAsync();
        return messages[^1].Report;
    }
}
