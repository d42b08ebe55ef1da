using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Structures.Import;

/// <summary>The gRPC face of the CSV import: client streaming, server-streaming progress, and the
/// idempotent demo-data load. The import itself is one command of the pipeline (<see cref="CsvImporter"/>).</summary>
internal sealed class StructureImportEndpoint(CsvImporter importer, ImportLimits limits) : StructureImport.StructureImportBase
{
    // The unary variant returns violations in the status trailer, which HTTP clients cap at 64 KiB:
    // past this count the message says how many more there are and the progress variant lists them all.
    internal const int MaxViolationsInStatus = 200;

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task<ImportReport> ImportCsv(IAsyncStreamReader<CsvChunk> requestStream, ServerCallContext context)
    {
        ImportOptions? options = null;
        using var buffer = new MemoryStream();
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
        {
            options ??= chunk.Options;
            // Checked before buffering: a client streaming without end must not fill the service's memory.
            limits.Check(buffer.Length + (long)chunk.Content.Length);
            chunk.Content.WriteTo(buffer);
        }

        // The file is wrapped, not copied: the buffer lives until the import ends anyway.
        var request = new ImportCsvRequest { Options = options ?? new ImportOptions(), Content = UnsafeByteOperations.UnsafeWrap(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)) };
        return await RunAsync(request, context.GetCaller(), context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.StructuresWrite)]
    public override async Task ImportCsvWithProgress(ImportCsvRequest request, IServerStreamWriter<ImportProgress> responseStream, ServerCallContext context)
    {
        limits.Check(request.Content.Length + request.PrecedingFiles.Sum(f => (long)f.Content.Length));
        try
        {
            var options = request.Options ?? new ImportOptions();
            var report = await importer.ImportAsync(request, context.GetCaller(),
                progress => responseStream.WriteAsync(progress, context.CancellationToken), context.CancellationToken);
            await responseStream.WriteAsync(new ImportProgress
            {
                Phase = options.DryRun ? "checked" : "committed",
                RowsDone = report.RowsImported,
                RowsTotal = report.RowsRead,
                Report = report,
            }, context.CancellationToken);
        }
        catch (ImportRejectedError rejected)
        {
            // Every error, in batches, then the status.
            foreach (var batch in rejected.Errors.Chunk(500))
            {
                var message = new ImportProgress { Phase = "rejected", RowsTotal = rejected.RowsRead };
                message.Errors.AddRange(batch.Select(e => new ImportError { Line = e.Line, Field = e.Field, Message = e.Message, FileIndex = e.FileIndex }));
                await responseStream.WriteAsync(message, context.CancellationToken);
            }

            throw ToRpc(rejected);
        }
        catch (CsvFormatException format)
        {
            throw ToRpc(format);
        }
    }

    [Authorize(Policy = CtgPolicies.DevelopmentOnly)]
    public override async Task<LoadDemoDataResponse> LoadDemoData(LoadDemoDataRequest request, ServerCallContext context)
    {
        var response = new LoadDemoDataResponse();
        foreach (var (kind, file) in DemoData.Files)
        {
            var import = new ImportCsvRequest { Options = new ImportOptions { Kind = kind, SkipExisting = true }, Content = ByteString.CopyFrom(DemoData.Read(file)) };
            response.Reports.Add(await RunAsync(import, context.GetCaller(), context.CancellationToken, "structures.LoadDemoData"));
        }

        return response;
    }

    private async Task<ImportReport> RunAsync(ImportCsvRequest request, CallerIdentity caller, CancellationToken ct, string command = "structures.ImportCsv")
    {
        try
        {
            return await importer.ImportAsync(request, caller, null, ct, command);
        }
        catch (ImportRejectedError rejected)
        {
            throw ToRpc(rejected);
        }
        catch (CsvFormatException format)
        {
            throw ToRpc(format);
        }
    }

    private static RpcException ToRpc(ImportRejectedError rejected)
    {
        var shown = rejected.Errors.Take(MaxViolationsInStatus)
            .Select(e => (e.FileIndex < 0 ? $"line {e.Line}: {e.Field}" : $"preceding_files[{e.FileIndex}] line {e.Line}: {e.Field}", e.Message));
        var more = rejected.Errors.Count > MaxViolationsInStatus
            ? $" The first {MaxViolationsInStatus} are listed; ImportCsvWithProgress streams every one."
            : "";
        return RpcErrors.InvalidArgument($"{rejected.Message}{more}", [.. shown]);
    }

    private static RpcException ToRpc(CsvFormatException format) =>
        RpcErrors.InvalidArgument($"The CSV cannot be read: {format.Message}", (format.Field, format.Message));
}

/// <summary>The demo data files embedded in the service, in load order (structures before what refers to them).</summary>
internal static class DemoData
{
    public static readonly (ImportKind Kind, string File)[] Files =
    [
        (ImportKind.Structures, "structures_jura_nord.csv"),
        (ImportKind.References, "cej_references_jura_nord.csv"),
        (ImportKind.Structures, "structures_pma.csv"),
    ];

    public static byte[] Read(string file)
    {
        var assembly = typeof(DemoData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".DemoData." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
