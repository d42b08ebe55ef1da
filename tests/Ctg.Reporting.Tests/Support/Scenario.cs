
namespace Ctg.Reporting.Tests.Support;

/// <summary>Builders of realistic events for the tests.</summary>
internal static class Scenario
{
    public const string Convention = "ctg-jura-nord";
    public const string Epci = "sig-cc-jura-nord";

    public static Snapshot Structure(string id, string manager, string kind = "eaje_psu", string commune = "39100", int version = 1, string? name = null,
        string collectivity = Epci, string? closingDate = null) =>
        new(id, version, kind, name ?? $"Structure {id}", null, commune, "Commune " + commune, manager, "regie", collectivity, Convention,
            kind == "eaje_psu" ? 24 : null, "2015-01-01", closingDate, "2025-01-01");

    public static TopicEvent Registered(string id, string manager, string kind = "eaje_psu", string commune = "39100") =>
        new("structures.structure-registered.v1", new StructureRegistered(Structure(id, manager, kind, commune)));

    public static TopicEvent Declaration(string declarationId, string structureId, int year) =>
        new("structures.declaration-submitted.v1", new DeclarationSubmitted(
            declarationId, structureId, "eaje_psu", year, "reel", 1, $"{year + 1}-03-15", $"{year + 1}-03-31", false, 1234.5m, Epci, Convention, "39100", "M"));

    public static TopicEvent Reference(string structureId, long cents, int year = 2018) =>
        new("structures.reference-recorded.v1", new ReferenceRecorded(structureId, "eaje_psu", year, cents, "place", 24m, Epci, Convention, "39100", "M"));

    public static TopicEvent Payment(string paymentId, string structureId, int year, string kind, long cents, string dueOn, string? computationId = null) =>
        new("funding.payment-scheduled.v1", new PaymentScheduled(paymentId, computationId ?? $"comp-{structureId}-{year}", structureId, year, kind, 1, dueOn, cents));

    public static TopicEvent Computation(string computationId, string structureId, int year, string version, string computedAt, long totalCents) =>
        new("funding.funding-computed.v1", new FundingComputed(computationId, structureId, Convention, computedAt, year, version, 1, totalCents, true,
            [new("psu", true, totalCents, null)], "params", "inputs"));
}
