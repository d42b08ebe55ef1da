using System.Diagnostics;
using Ctg.Funding.V1;
using Ctg.Structures.V1;
using Xunit.Abstractions;

namespace Ctg.Funding.Tests;

/// <summary>
/// What an allocation reads and answers: the CTG's declarations in one stream (what funding now does) rather than
/// one GetDeclaration per structure (what it did), timed on the real structures service for Jura Nord; and an answer
/// without explanation trees unless asked. The national figures are the bench's (tools/Ctg.FundingBench).
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class AllocationReadTests(FundingHarness harness, ITestOutputHelper output)
{
    [Fact]
    public async Task One_stream_reads_the_same_declarations_as_one_call_per_structure()
    {
        // The first round warms the channels, the JIT and the token cache; the second is the one logged.
        for (var round = 1; round <= 2; round++)
        {
            await MeasureAsync(logged: round == 2);
        }
    }

    private async Task MeasureAsync(bool logged)
    {
        var perStructure = Stopwatch.StartNew();
        var oneByOne = new List<Declaration>();
        foreach (var (id, _, _, _) in JuraNord.Structures)
        {
            oneByOne.Add(await harness.Declarations.GetDeclarationAsync(new GetDeclarationRequest { StructureId = id, Year = JuraNord.Year, Version = DeclarationVersion.Reel }));
        }

        perStructure.Stop();
        var streamed = Stopwatch.StartNew();
        using var call = harness.Declarations.StreamConventionDeclarations(new StreamConventionDeclarationsRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, Version = DeclarationVersion.Reel,
        });
        var inOneStream = new List<Declaration>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            inOneStream.Add(call.ResponseStream.Current);
        }

        streamed.Stop();
        Assert.Equal(oneByOne.OrderBy(d => d.StructureId, StringComparer.Ordinal), inOneStream.OrderBy(d => d.StructureId, StringComparer.Ordinal));
        if (logged) output.WriteLine($"Jura Nord declarations ({oneByOne.Count} structures): {perStructure.Elapsed.TotalMilliseconds:F1} ms in {oneByOne.Count} calls, "
            + $"{streamed.Elapsed.TotalMilliseconds:F1} ms in one stream");

        var timer = Stopwatch.StartNew();
        var run = await harness.Runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel });
        timer.Stop();
        var explained = await harness.Runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeExplanations = true });
        Assert.True(run.CalculateSize() < explained.CalculateSize());
        if (logged) output.WriteLine($"Jura Nord allocation: {timer.Elapsed.TotalMilliseconds:F1} ms; answer {run.CalculateSize()} bytes, {explained.CalculateSize()} with explanations");
    }
}
