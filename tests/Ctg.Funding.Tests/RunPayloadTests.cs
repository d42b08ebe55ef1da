using Ctg.Data;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;
using Dapper;
using Google.Protobuf;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>The stored run payload: flat and deflated behind a format marker; rows written before the marker, and rows of
/// the first codec (the run deflated as it is), still read.</summary>
[Collection(FundingCollection.Name)]
public sealed class RunPayloadTests(FundingHarness harness)
{
    private static RunAllocationRequest JuraNordRequest() => new()
    {
        ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = Structures.V1.DeclarationVersion.Reel, RequestedBy = "caf39.finance",
    };

    [Fact]
    public async Task A_run_is_stored_deflated_behind_its_marker_and_reads_back_as_computed()
    {
        var run = await harness.Runs.RunAllocationAsync(JuraNordRequest());

        var payload = await PayloadAsync(run.RunId);
        Assert.Equal(RunPayload.Marker, payload[0]);
        Assert.Equal(RunPayload.FlatDeflated, payload[1]);
        var decoded = RunPayload.Decode(payload);
        Assert.True(payload.Length < decoded.CalculateSize() / 2, $"{payload.Length} bytes stored for {decoded.CalculateSize()} of protobuf");
        var stored = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true, IncludeExplanations = true });
        Assert.Equal(11, stored.Inputs.Structures.Count);
        Assert.All(stored.Structures, s => Assert.Equal("BONUS_TERRITOIRE", s.Explanation.RuleId));
        Assert.Equal(run.Structures.Select(s => (s.StructureId, s.Amount.Cents)), stored.Structures.Select(s => (s.StructureId, s.Amount.Cents)));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("deflated")]
    public async Task A_run_written_in_an_older_form_reads_as_the_same_run(string form)
    {
        var run = await harness.Runs.RunAllocationAsync(JuraNordRequest());
        var asStored = RunPayload.Decode(await PayloadAsync(run.RunId));

        // The same run recorded as the service recorded runs before: the payload is the AllocationRun's protobuf bytes.
        var legacy = asStored.Clone();
        legacy.RunId = "run-legacy-" + Guid.NewGuid().ToString("N");
        var connections = (IDbConnectionFactory)harness.Funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO allocation_runs (run_id, convention_id, year, declaration_version, status, input_hash, parameter_set_hash,
                    parameter_set_version, total_envelope_cents, total_paid_cents, created_at, requested_by, payload)
                SELECT @RunId, convention_id, year, declaration_version, status, input_hash, parameter_set_hash,
                    parameter_set_version, total_envelope_cents, total_paid_cents, created_at, requested_by, @Payload
                FROM allocation_runs WHERE run_id = @From
                """, new { legacy.RunId, Payload = form == "plain" ? legacy.ToByteArray() : FirstCodec(legacy), From = run.RunId });
            await connection.ExecuteAsync(
                """
                INSERT INTO allocation_run_structures (run_id, structure_id, collectivity_id, kind, amount_cents, reference_cents)
                SELECT @RunId, structure_id, collectivity_id, kind, amount_cents, reference_cents FROM allocation_run_structures WHERE run_id = @From
                """, new { legacy.RunId, From = run.RunId });
        }

        // A plain run starts with its run_id field's tag (field 1, length-delimited); a first-codec payload names codec 0x01.
        var payload = await PayloadAsync(legacy.RunId);
        Assert.Equal(form == "plain" ? (byte)0x0a : RunPayload.Deflated, form == "plain" ? payload[0] : payload[1]);
        foreach (var (inputs, explanations) in new[] { (true, true), (false, false), (true, false), (false, true) })
        {
            var current = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = inputs, IncludeExplanations = explanations });
            var old = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = legacy.RunId, IncludeInputs = inputs, IncludeExplanations = explanations });
            Assert.Equal(legacy.RunId, old.RunId);
            old.RunId = current.RunId;
            Assert.Equal(current, old);
        }

        // The approval reads the stored run in its own transaction: the old row is approved as any other.
        var approved = await harness.Approvals.ApproveRunAsync(new ApproveRunRequest { RunId = legacy.RunId });
        Assert.Equal(RunStatus.Approved, approved.Status);
        Assert.Equal(asStored.TotalPaid.Cents, approved.TotalPaid.Cents);
    }

    [Fact]
    public void A_payload_in_an_unknown_codec_is_refused_rather_than_misread()
    {
        var error = Assert.Throws<InvalidDataException>(() => RunPayload.Decode([RunPayload.Marker, 0x7f, 1, 2, 3]));
        Assert.Equal("Allocation run payload in an unknown format (codec 127).", error.Message);
    }

    /// <summary>The payload as the first codec wrote it: marker, codec 0x01, the run's protobuf bytes deflated.</summary>
    private static byte[] FirstCodec(AllocationRun run)
    {
        using var output = new MemoryStream();
        output.Write([RunPayload.Marker, RunPayload.Deflated]);
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            run.WriteTo(deflate);
        }

        return output.ToArray();
    }

    private async Task<byte[]> PayloadAsync(string runId)
    {
        var connections = (IDbConnectionFactory)harness.Funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<byte[]>("SELECT payload FROM allocation_runs WHERE run_id = @RunId", new { RunId = runId }) ?? [];
    }
}
