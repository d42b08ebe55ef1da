using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>ListCompetenceHoldersOfMany answers each of many questions, across CTGs, as ListCompetenceHolders answers
/// it, and a convention the caller may not see as not found in its own answer.</summary>
public sealed class ListCompetenceHoldersOfManyTests
{
    private const string Doubs = "ctg-25-competences-plusieurs";
    private const string Other = "ctg-25-competences-autre";

    private static CompetenceScope Jeunesse => new() { Field = FieldOfIntervention.Jeunesse };

    private static CompetenceScope Enfance => new() { Field = FieldOfIntervention.Enfance };

    [Fact]
    public async Task Each_question_gets_what_ListCompetenceHolders_answers_and_an_unknown_convention_is_not_found()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Doubs);
        await Scenario.SignedAsync(harness, Other);
        await harness.Competences.GrantCompetenceAsync(new GrantCompetenceRequest
        {
            ConventionId = Doubs, CompetenceId = "grant-jeunesse", Scope = Jeunesse, SignatoryId = Doubs + "-epci",
            CommuneInseeCodes = { Scenario.Seloncourt, Scenario.Arbouans }, EffectiveOn = D.Of(2025, 3, 1),
        });
        var questions = new[]
        {
            Question(Doubs, Jeunesse, 2025, Scenario.Seloncourt, Scenario.Montbeliard, "39235", Scenario.Seloncourt),
            Question(Doubs, Enfance, 2025, Scenario.Seloncourt),
            Question("ctg-99-inconnue", Jeunesse, 2025, Scenario.Seloncourt),
            Question(Other, Jeunesse, 2025, Scenario.Seloncourt, Scenario.Arbouans),
            Question(Doubs, Jeunesse, 2024, Scenario.Seloncourt),
        };

        var many = await harness.Competences.ListCompetenceHoldersOfManyAsync(new ListCompetenceHoldersOfManyRequest { Questions = { questions } });

        Assert.Equal([Doubs, Doubs, "ctg-99-inconnue", Other, Doubs], many.Answers.Select(a => a.ConventionId));
        Assert.Equal([true, true, false, true, true], many.Answers.Select(a => a.ConventionFound));
        Assert.Empty(many.Answers[2].Communes);
        Assert.Equal((Doubs + "-epci", SignatoryKind.Epci), (many.Answers[0].Communes[0].Holders[0].SignatoryId, many.Answers[0].Communes[0].Holders[0].Kind));
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            var one = await harness.Competences.ListCompetenceHoldersAsync(questions[i]);
            Assert.Equal(one.Communes, many.Answers[i].Communes);
        }

        await Expect.StatusAsync(StatusCode.NotFound, () => harness.Competences.ListCompetenceHoldersAsync(questions[2]).ResponseAsync);
    }

    [Fact]
    public async Task A_CAF_restricted_caller_gets_another_CAFs_convention_as_not_found_in_its_answer()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await Scenario.SignedAsync(harness, Doubs);
        var question = Question(Doubs, Jeunesse, 2025, Scenario.Seloncourt);

        // ordonnateur2 works for CAF 39; the convention is CAF 25's: ListCompetenceHolders answers it NOT_FOUND.
        var jura = harness.As("ordonnateur2");
        var refused = await jura.Competences.ListCompetenceHoldersOfManyAsync(new ListCompetenceHoldersOfManyRequest { Questions = { question } });
        var answered = await harness.As("auditeur").Competences.ListCompetenceHoldersOfManyAsync(new ListCompetenceHoldersOfManyRequest { Questions = { question } });

        Assert.False(Assert.Single(refused.Answers).ConventionFound);
        Assert.Empty(refused.Answers[0].Communes);
        Assert.True(Assert.Single(answered.Answers).ConventionFound);
        Assert.Equal([Scenario.Seloncourt], answered.Answers[0].Communes.Select(c => c.CommuneInseeCode));
        await Expect.StatusAsync(StatusCode.NotFound, () => jura.Competences.ListCompetenceHoldersAsync(question).ResponseAsync);
    }

    [Fact]
    public async Task Questions_are_validated_each_by_its_position()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var none = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Competences.ListCompetenceHoldersOfManyAsync(
            new ListCompetenceHoldersOfManyRequest()).ResponseAsync);
        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Competences.ListCompetenceHoldersOfManyAsync(
            new ListCompetenceHoldersOfManyRequest
            {
                Questions = { Question(Doubs, Jeunesse, 2025, Scenario.Seloncourt), new ListCompetenceHoldersRequest { ConventionId = "" } },
            }).ResponseAsync);
        var tooMany = await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Competences.ListCompetenceHoldersOfManyAsync(
            new ListCompetenceHoldersOfManyRequest { Questions = { Enumerable.Repeat(Question(Doubs, Jeunesse, 2025, Scenario.Seloncourt), 1001) } }).ResponseAsync);

        Assert.Equal(["questions"], none);
        Assert.Equal(["questions[1].convention_id", "questions[1].scope.field", "questions[1].commune_insee_codes"], fields);
        Assert.Equal(["questions"], tooMany);
    }

    private static ListCompetenceHoldersRequest Question(string conventionId, CompetenceScope scope, int year, params string[] communes) => new()
    {
        ConventionId = conventionId, Scope = scope, AsOf = D.Of(year, 3, 1), CommuneInseeCodes = { communes },
    };
}
