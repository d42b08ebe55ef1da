using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.Testing;
using Xunit.Abstractions;

namespace Ctg.Reporting.Tests.Reliability;

/// <summary>The real signatories service (a process, built by the solution) loads its demo data and the real
/// structures service registers structures of the demo CTG; their events reach reporting (a process) through the development bus (a process); what
/// reporting shows equals what the source services say, and a rebuild replayed by the real services
/// gives the same read models.</summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RealServicesEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Signatories_demo_data_and_registered_structures_reach_reporting_through_the_bus_and_rebuild_identically()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ctg-e2e-" + Guid.NewGuid().ToString("N"));
        var busAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        using var signatories = new ServiceProcess(RepoPaths.SignatoriesDll, Path.Combine(directory, "signatories"), busAddress);
        using var structures = new ServiceProcess(RepoPaths.StructuresDll, Path.Combine(directory, "structures"), busAddress)
            .With($"--Services:Signatories={signatories.GrpcAddress}");
        using var reporting = new ReportingProcess(Path.Combine(directory, "reporting"), busAddress, new Dictionary<string, Uri>
        {
            ["signatories"] = signatories.HttpAddress,
            ["structures"] = structures.HttpAddress,
        });
        using var bus = new DevBusProcess(Path.Combine(directory, "devbus.db"), new Dictionary<string, Uri>
        {
            ["reporting"] = reporting.HttpAddress,
            ["signatories"] = signatories.HttpAddress,
            ["structures"] = structures.HttpAddress,
        }, busAddress.Port);
        try
        {
            await signatories.StartAsync();
            await structures.StartAsync();
            await reporting.StartAsync();
            await bus.StartAsync();

            var conventions = await new Ctg.Signatories.V1.Conventions.ConventionsClient(signatories.Channel).LoadDemoDataAsync(new());
            // Structures registered against the demo CTG's EPCI (the structures service checks the supporting
            // collectivity with the signatories service), as finance staff do through the API.
            var convention = await new Ctg.Signatories.V1.Conventions.ConventionsClient(signatories.Channel)
                .GetConventionAsync(new Ctg.Signatories.V1.GetConventionRequest { ConventionId = conventions.LoadedConventionIds[0] });
            var epci = convention.Signatories.First(s => s.Kind == Ctg.Signatories.V1.SignatoryKind.Epci);
            var communes = convention.Territory.Communes;
            var registry = new Ctg.Structures.V1.StructureRegistry.StructureRegistryClient(structures.Channel);
            for (var i = 0; i < 6; i++)
            {
                var commune = communes[i % communes.Count];
                await registry.RegisterStructureAsync(new Ctg.Structures.V1.RegisterStructureRequest
                {
                    StructureId = $"str-e2e-{i}",
                    Details = new Ctg.Structures.V1.StructureDetails
                    {
                        Name = $"Multi-accueil {commune.Name} {i}",
                        Kind = i == 5 ? Ctg.Structures.V1.StructureKind.Rpe : Ctg.Structures.V1.StructureKind.EajePsu,
                        Address = new Ctg.Structures.V1.Address { CommuneInsee = commune.InseeCode, CommuneName = commune.Name, PostalCode = "39700", Street = "1 rue de la Mairie" },
                        Manager = new Ctg.Structures.V1.Manager { Name = i % 2 == 0 ? "Mairie" : epci.Name, Mode = Ctg.Structures.V1.ManagementMode.Regie },
                        Capacity = new Ctg.Structures.V1.Capacity { AgreedPlaces = 20 + i },
                        OpeningDate = new Common.V1.Date { Year = 2010, Month = 9, Day = 1 },
                        SupportingCollectivityId = epci.SignatoryId,
                    },
                });
            }

            var sourceStructures = new List<Ctg.Structures.V1.Structure>();
            using (var stream = registry.StreamStructures(new Ctg.Structures.V1.StreamStructuresRequest { Filter = new() { IncludeClosed = true } }))
            {
                while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                {
                    sourceStructures.Add(stream.ResponseStream.Current);
                }
            }

            output.WriteLine($"signatories loaded {string.Join(",", conventions.LoadedConventionIds)}; structures holds {sourceStructures.Count} structures");
            Assert.NotEmpty(sourceStructures);

            // Wait until reporting has every structure the structures service holds.
            ReadModelStats? stats = null;
            await Eventually.HoldsAsync(
                async () => (stats = await reporting.Client.GetReadModelStatsAsync(new())).Tables.Single(t => t.Table == "rm_structures").Rows == sourceStructures.Count
                    && stats.Applied.Any(a => a.Topic == "signatories.convention-signed.v1"),
                TimeSpan.FromSeconds(90),
                () => Task.FromResult($"{BusRig.Describe(stats)}; reporting: {reporting.Process.RecentOutput()}"),
                pollMs: 250);
            await Task.Delay(1500);
            var live = await reporting.Client.GetReadModelStatsAsync(new());
            output.WriteLine($"reporting applied {BusRig.Describe(live)}");

            // What reporting shows of each structure is what the structures service says.
            foreach (var source in sourceStructures.Take(50))
            {
                var seen = await reporting.Client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = source.StructureId, Year = 2025 });
                Assert.Equal(
                    (source.Details.Name, source.Details.Manager.Name, source.Details.Address.CommuneInsee, source.ConventionId, source.Version),
                    (seen.Structure.Name, seen.Structure.ManagerName, seen.Structure.CommuneInsee, seen.Structure.ConventionId, seen.Structure.Version));
            }

            var references = await new Ctg.Structures.V1.CejReferences.CejReferencesClient(structures.Channel)
                .ListReferencesAsync(new Ctg.Structures.V1.ListReferencesRequest { StructureId = sourceStructures[0].StructureId });
            var reported = await reporting.Client.GetStructureFundingAsync(new GetStructureFundingRequest { StructureId = sourceStructures[0].StructureId, Year = 2025 });
            Assert.Equal(references.References.Count > 0, reported.CejReference.Recorded);
            if (references.References.Count > 0)
            {
                var latest = references.References.MaxBy(r => r.ReferenceYear)!;
                Assert.Equal((latest.ReferenceYear, latest.Amount.Cents), (reported.CejReference.ReferenceYear, reported.CejReference.Amount.Cents));
            }

            // The territory of the signed CTG, as signatories published it, is what reporting checks for AO obligations.
            var alerts = await reporting.Client.ListAoComplianceAlertsAsync(new ListAoComplianceAlertsRequest { ConventionId = convention.ConventionId });
            Assert.Equal(convention.Territory.Communes.Count, alerts.CommunesChecked);

            // A rebuild replayed by the real services gives the same read models.
            var rebuild = await reporting.Client.RebuildReadModelAsync(new RebuildReadModelRequest { ReadModel = ReadModel.ManagerStructures });
            Assert.Equal(["structures"], rebuild.Sources.Select(s => s.Service));
            var expected = live.Applied.Where(a => a.Topic.StartsWith("structures.structure-", StringComparison.Ordinal)).ToDictionary(a => a.Topic, a => a.Applied);
            Assert.Equal(expected.Values.Sum(), rebuild.Sources[0].Replayed);
            await Eventually.HoldsAsync(
                async () => (stats = await reporting.Client.GetReadModelStatsAsync(new())).Digest == live.Digest,
                TimeSpan.FromSeconds(60),
                () => Task.FromResult($"live {BusRig.Describe(live)} rebuilt {BusRig.Describe(stats)}"),
                pollMs: 250);
        }
        finally
        {
            // The bus first, so that nothing is delivered to services being stopped.
            bus.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
