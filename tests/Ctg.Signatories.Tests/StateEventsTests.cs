using System.Text.Json;
using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>The state events: governance-changed, annexes-changed and action-plan-changed carry the whole
/// state at the new version, with the seed figures of the demo data (each traceable to its seed line).</summary>
public sealed class StateEventsTests
{
    private const string JuraNord = "ctg-39-jura-nord-2019";

    private static async Task<List<JsonElement>> EventsAsync(SignatoriesHarness harness, string topic) =>
        (await harness.OutboxAsync()).Where(e => e.Topic == topic).Select(e => JsonDocument.Parse(e.Data).RootElement.Clone()).ToList();

    private static JsonElement Of(IEnumerable<JsonElement> events, string conventionId) =>
        Assert.Single(events, e => e.GetProperty("conventionId").GetString() == conventionId);

    [Fact]
    public async Task Demo_data_publishes_the_governance_the_annexes_and_the_plans_with_the_seed_figures()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var governance = await EventsAsync(harness, "signatories.governance-changed.v1");
        Assert.Equal(new[] { JuraNord, "ctg-25-pays-de-montbeliard-2023", "ctg-38-bievre-isere-2022", "ctg-25-val-de-morteau-2026" },
            governance.Select(e => e.GetProperty("conventionId").GetString()));
        var bievre = Of(governance, "ctg-38-bievre-isere-2022");
        Assert.Equal(("38", "2022-01-01", "2026-12-31", 8), (bievre.GetProperty("cafDepartement").GetString(), bievre.GetProperty("periodStart").GetString(),
            bievre.GetProperty("periodEnd").GetString(), bievre.GetProperty("bodies").GetArrayLength()));
        var copil = bievre.GetProperty("bodies")[0];
        Assert.Equal(("bi-2022-copil", "SteeringCommittee", 1, 2), (copil.GetProperty("bodyId").GetString(), copil.GetProperty("kind").GetString(),
            copil.GetProperty("minMeetingsPerYear").GetInt32(), copil.GetProperty("maxMeetingsPerYear").GetInt32()));
        // Seed 003 l.72-74: the COPIL of 7 June 2022; attendance not given → null, never 0.
        var meeting = Assert.Single(bievre.GetProperty("meetings").EnumerateArray());
        Assert.Equal(("bi-2022-copil", "2022-06-07", JsonValueKind.Null), (meeting.GetProperty("bodyId").GetString(), meeting.GetProperty("heldOn").GetString(),
            meeting.GetProperty("attendanceCount").ValueKind));

        var annexes = await EventsAsync(harness, "signatories.annexes-changed.v1");
        Assert.Equal(new[] { JuraNord, "ctg-25-pays-de-montbeliard-2023", "ctg-39-val-damour-2025" }, annexes.Select(e => e.GetProperty("conventionId").GetString()));
        var jn = Of(annexes, JuraNord);
        var entries = jn.GetProperty("coFinancing").EnumerateArray().ToList();
        Assert.Equal(37, entries.Count);
        // Seed 001 l.729: PSU - PSO perçue en 2018 by the Multi-accueil Fraisans, 189 808 €.
        var psu = Assert.Single(entries, e => e.GetProperty("entryId").GetString() is { } id && e.GetProperty("financingType").GetString() == "PSU - PSO"
            && e.GetProperty("structureId").GetString() == "str-39-jn-multi-accueil-fraisans");
        Assert.Equal(("Caf", 2018, 18_980_800L, false), (psu.GetProperty("funderKind").GetString(), psu.GetProperty("year").GetInt32(),
            psu.GetProperty("amountCents").GetInt64(), psu.GetProperty("estimated").GetBoolean()));
        // Seed 001 l.684: the CC's 1 123 743 € to its ALSH in direct management, no structure id (eight ALSH together).
        var alsh = Assert.Single(entries, e => e.GetProperty("beneficiary").GetString() == "ALSH péri et extrascolaires");
        Assert.Equal((112_374_300L, JsonValueKind.Null, "Epci"), (alsh.GetProperty("amountCents").GetInt64(), alsh.GetProperty("structureId").ValueKind,
            alsh.GetProperty("funderKind").GetString()));
        // Seed 001 l.740: 1,70 ETP, 75 193 €, 32 303 € from the Caf.
        var post = Assert.Single(jn.GetProperty("coordinationPosts").EnumerateArray());
        Assert.Equal((1.7, 7_519_300L, 3_230_300L), (post.GetProperty("fte").GetDouble(), post.GetProperty("annualCostCents").GetInt64(), post.GetProperty("cafFundingCents").GetInt64()));
        // Article 10 of Jura Nord: three months' notice; the formal-notice period is not given.
        var terms = jn.GetProperty("terminationTerms");
        Assert.Equal((3, JsonValueKind.Null), (terms.GetProperty("denunciationNoticeMonths").GetInt32(), terms.GetProperty("formalNoticeMonths").ValueKind));
        var renewal = Of(annexes, "ctg-39-val-damour-2025").GetProperty("renewal");
        Assert.Equal((2020, JsonValueKind.Null), (renewal.GetProperty("renewedStartYear").GetInt32(), renewal.GetProperty("renewsConventionId").ValueKind));

        var plans = await EventsAsync(harness, "signatories.action-plan-changed.v1");
        Assert.Equal(5, plans.Count);
        var jnPlan = Of(plans, JuraNord);
        var actions = jnPlan.GetProperty("axes").EnumerateArray().SelectMany(a => a.GetProperty("objectives").EnumerateArray())
            .SelectMany(o => o.GetProperty("actions").EnumerateArray()).ToList();
        Assert.Equal((19, 1L, "39"), (actions.Count, jnPlan.GetProperty("planVersion").GetInt64(), jnPlan.GetProperty("cafDepartement").GetString()));
        Assert.All(actions, a => Assert.Equal("NotStarted", a.GetProperty("currentStatus").GetString()));
    }

    [Fact]
    public async Task A_recorded_meeting_publishes_the_governance_at_the_new_version_and_a_refused_one_publishes_nothing()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var before = (await harness.OutboxAsync()).Count;

        await Expect.StatusAsync(StatusCode.InvalidArgument, () => harness.Governance.RecordMeetingAsync(new RecordMeetingRequest
        {
            ConventionId = JuraNord, Meeting = new Meeting { BodyId = "jn-2019-copil", HeldOn = D.Of(2024, 3, 1) },
        }).ResponseAsync);
        Assert.Equal(before, (await harness.OutboxAsync()).Count);

        var view = await harness.Governance.RecordMeetingAsync(new RecordMeetingRequest
        {
            ConventionId = JuraNord, Meeting = new Meeting { MeetingId = "jn-copil-2020", BodyId = "jn-2019-copil", HeldOn = D.Of(2020, 11, 5), AttendanceCount = 12 },
        });

        var published = (await EventsAsync(harness, "signatories.governance-changed.v1")).Where(e => e.GetProperty("conventionId").GetString() == JuraNord).ToList();
        Assert.Equal(2, published.Count);
        var latest = published[^1];
        Assert.Equal(view.Version, latest.GetProperty("version").GetInt64());
        var meeting = Assert.Single(latest.GetProperty("meetings").EnumerateArray());
        Assert.Equal(("jn-copil-2020", "2020-11-05", 12), (meeting.GetProperty("meetingId").GetString(), meeting.GetProperty("heldOn").GetString(),
            meeting.GetProperty("attendanceCount").GetInt32()));
        Assert.Equal(before + 1, (await harness.OutboxAsync()).Count);
    }
}
