using Ctg.Common.V1;
using Ctg.DataGen;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Rules;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Grpc.Core;
using DecimalValue = Ctg.Structures.V1.DecimalValue;

namespace Ctg.FundingBench;

/// <summary>
/// The national data set as the structures and signatories services would answer it: the same gRPC
/// contracts, served from memory. The funding service reads it over real loopback gRPC exactly as in
/// production; what this does not measure is the upstream services' own database reads.
/// </summary>
public sealed class NationalFeed
{
    public const int ReferenceYear = 2024;
    private readonly Dictionary<string, Convention> _conventions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Structure>> _structuresByCtg = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Structure> _structures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Declaration> _declarations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CejReference>> _referencesByCtg = new(StringComparer.Ordinal);

    public NationalFeed(NationalDataSet data)
    {
        Year = data.Year;
        var communesByCtg = data.Communes.GroupBy(c => c.CtgId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var ctg in data.Ctgs)
        {
            var convention = new Convention
            {
                ConventionId = ctg.Id,
                Name = ctg.Name,
                CafDepartement = "00",
                Period = new Period { Start = new Date { Year = 2023, Month = 1, Day = 1 }, End = new Date { Year = 2027, Month = 12, Day = 31 } },
                Status = ctg.Signed ? ConventionStatus.Active : ConventionStatus.Draft,
                SignedOn = ctg.Signed ? new Date { Year = 2022, Month = 12, Day = 15 } : null,
                Version = 1,
            };
            convention.Signatories.Add(new Signatory { SignatoryId = ctg.EpciId, Name = "EPCI " + ctg.Name, Kind = SignatoryKind.Epci });
            foreach (var commune in communesByCtg.GetValueOrDefault(ctg.Id) ?? [])
            {
                convention.Signatories.Add(new Signatory { SignatoryId = "COMMUNE-" + commune.InseeCode, Name = commune.Name, Kind = SignatoryKind.Commune, CommuneInseeCode = commune.InseeCode });
            }

            _conventions[ctg.Id] = convention;
            _structuresByCtg[ctg.Id] = [];
            _referencesByCtg[ctg.Id] = [];
        }

        foreach (var s in data.Structures)
        {
            var bt = s.BonusTerritoire;
            var structure = new Structure
            {
                StructureId = s.Id,
                ConventionId = s.CtgId,
                Version = 1,
                Details = new StructureDetails
                {
                    Name = s.Id,
                    Kind = bt.Kind switch
                    {
                        BonusTerritoireKind.Eaje => StructureKind.EajePsu,
                        BonusTerritoireKind.Alsh => StructureKind.Alsh,
                        BonusTerritoireKind.Rpe => StructureKind.Rpe,
                        _ => StructureKind.Laep,
                    },
                    Address = new Address { CommuneInsee = s.CommuneCode },
                    SupportingCollectivityId = bt.SupportingCollectivityId,
                },
                // A structure not open during the year closed before it.
                ClosingDate = bt.OpenDuringYear ? null : new Date { Year = Year - 1, Month = 6, Day = 30 },
            };
            _structures[s.Id] = structure;
            _structuresByCtg[s.CtgId].Add(structure);
            _declarations[s.Id] = new Declaration
            {
                StructureId = s.Id, Year = Year, Version = DeclarationVersion.Reel, Revision = 1, Kind = structure.Details.Kind, Figures = Figures(s),
            };
            if (bt.ReferenceUnits > 0m || bt.ReferenceAmountCents > 0)
            {
                _referencesByCtg[s.CtgId].Add(new CejReference
                {
                    StructureId = s.Id, ReferenceYear = ReferenceYear, Amount = new Money { Cents = bt.ReferenceAmountCents },
                    ReferenceUnits = Dec(bt.ReferenceUnits), Kind = structure.Details.Kind, SupportingCollectivityId = bt.SupportingCollectivityId,
                });
            }
        }

        foreach (var list in _structuresByCtg.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.StructureId, b.StructureId));
        }
    }

    public int Year { get; }

    /// <summary>The declared figures whose activity unit u equals the data set's units.</summary>
    private static ActivityFigures Figures(SyntheticStructure s) => s.Activity switch
    {
        EajeInput e => new ActivityFigures
        {
            Places = (int)e.AgreedPlaces,
            // The generator rounds places × months / 12 to 2 decimals; 11 months when u < places.
            MonthsOpen = s.BonusTerritoire.Units == e.AgreedPlaces ? 12 : 11,
            HoursInvoiced = Dec(e.HoursInvoiced), HoursAttended = Dec(e.HoursAttended),
            OperatingCosts = Euros(e.OperatingCosts), FamilyParticipations = Euros(e.FamilyParticipations), RegimeGeneralShare = Dec(e.RegimeGeneralShare),
        },
        AlshInput a => new ActivityFigures
        {
            HoursAttended = Dec(s.BonusTerritoire.Units), OperatingCosts = Euros(a.Periscolaire!.OperatingCosts + (a.Extrascolaire?.OperatingCosts ?? 0m)),
            RegimeGeneralShare = Dec(a.RegimeGeneralShare),
        },
        RpeInput r => new ActivityFigures { Etp = Dec(r.Etp), OperatingCosts = Euros(r.OperatingCosts) },
        LaepInput l => new ActivityFigures { OpeningHours = Dec(l.OpeningHours), OperatingCosts = Euros(l.OperatingCosts) },
        _ => new ActivityFigures(),
    };

    private static DecimalValue Dec(decimal d) => new() { Value = d.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Money Euros(decimal euros) => new() { Cents = (long)Math.Round(euros * 100m, MidpointRounding.AwayFromZero) };

    public sealed class Registry(NationalFeed feed) : StructureRegistry.StructureRegistryBase
    {
        public override Task<Structure> GetStructure(GetStructureRequest request, ServerCallContext context) =>
            feed._structures.TryGetValue(request.StructureId, out var s) ? Task.FromResult(s) : throw new RpcException(new Status(StatusCode.NotFound, "unknown structure"));

        public override async Task StreamStructures(StreamStructuresRequest request, IServerStreamWriter<Structure> responseStream, ServerCallContext context)
        {
            foreach (var s in feed._structuresByCtg.GetValueOrDefault(request.Filter.ConventionId) ?? [])
            {
                await responseStream.WriteAsync(s);
            }
        }
    }

    public sealed class Declarations(NationalFeed feed) : ActivityDeclarations.ActivityDeclarationsBase
    {
        public override Task<Declaration> GetDeclaration(GetDeclarationRequest request, ServerCallContext context) =>
            request.Year == feed.Year && request.Version == DeclarationVersion.Reel && feed._declarations.TryGetValue(request.StructureId, out var d)
                ? Task.FromResult(d)
                : throw new RpcException(new Status(StatusCode.NotFound, "no declaration"));
    }

    public sealed class References(NationalFeed feed) : CejReferences.CejReferencesBase
    {
        public override Task<ListReferencesResponse> ListReferences(ListReferencesRequest request, ServerCallContext context)
        {
            var response = new ListReferencesResponse();
            response.References.AddRange(feed._referencesByCtg.GetValueOrDefault(request.ConventionId) ?? []);
            return Task.FromResult(response);
        }
    }

    public sealed class ConventionsFeed(NationalFeed feed) : Conventions.ConventionsBase
    {
        public override Task<Convention> GetConvention(GetConventionRequest request, ServerCallContext context) =>
            feed._conventions.TryGetValue(request.ConventionId, out var c) ? Task.FromResult(c) : throw new RpcException(new Status(StatusCode.NotFound, "unknown convention"));
    }
}
