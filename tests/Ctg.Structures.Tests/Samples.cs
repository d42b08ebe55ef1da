using Ctg.Common.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;

namespace Ctg.Structures.Tests;

internal static class Samples
{
    public const string JuraNord = "ctg-39-jura-nord-2019-cc-jura-nord";

    public static Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    public static DecimalValue Dec(string value) => new() { Value = value };

    public static Money Cents(long cents) => new() { Cents = cents };

    public static StructureDetails Eaje(string name = "Multi-accueil Les Petits Loups", int places = 30, string dossier = "", string commune = "Fraisans",
        string insee = "39235", string manager = "Communauté de communes Jura Nord", string supporting = JuraNord) => new()
    {
        Caf = new CafIdentifiers { DossierNumber = dossier },
        Name = name,
        Kind = StructureKind.EajePsu,
        Address = new Address { Street = "1 rue de la Crèche", PostalCode = "39700", CommuneName = commune, CommuneInsee = insee },
        Manager = new Manager { Name = manager, Mode = ManagementMode.Regie },
        Capacity = new Capacity { AgreedPlaces = places },
        Eaje = new EajeOptions { SuppliesNappies = true, SuppliesMeals = true },
        OpeningDate = D(2012, 9, 1),
        SupportingCollectivityId = supporting,
    };

    public static StructureDetails Of(StructureKind kind, string name, string commune = "Fraisans", string manager = "Communauté de communes Jura Nord",
        string supporting = JuraNord)
    {
        var details = new StructureDetails
        {
            Name = name,
            Kind = kind,
            Address = new Address { CommuneName = commune },
            Manager = new Manager { Name = manager, Mode = ManagementMode.Regie },
            Capacity = new Capacity(),
            SupportingCollectivityId = supporting,
        };
        switch (kind)
        {
            case StructureKind.EajePsu or StructureKind.Mam or StructureKind.MicroCrechePaje:
                details.Capacity.AgreedPlaces = 12;
                break;
            case StructureKind.Rpe:
                details.Capacity.Etp = Dec("1.5");
                break;
            case StructureKind.Laep:
                details.Capacity.OpeningHoursPerYear = Dec("300");
                break;
        }

        return details;
    }

    public static ActivityFigures EajeFigures(string hf = "49277", string hr = "44797") => new()
    {
        Places = 30,
        HoursInvoiced = Dec(hf),
        HoursAttended = Dec(hr),
        OperatingCosts = Cents(41430600),
        FamilyParticipations = Cents(6500000),
        RegimeGeneralShare = Dec("0.95"),
    };

    public static async Task<RpcException> Fails(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("The call succeeded; it should have failed.");
    }

    public static Task<RpcException> Fails<T>(AsyncUnaryCall<T> call) => Fails(async () => await call);

    public static List<string> Fields(this RpcException e) => e.FieldViolations().Select(v => v.Field).ToList();
}
