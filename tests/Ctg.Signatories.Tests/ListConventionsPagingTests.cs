using System.Text;
using Ctg.Common.V1;
using Ctg.Signatories.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

/// <summary>ListConventions pages by cursor in a stable order (CAF département, then convention id).</summary>
public sealed class ListConventionsPagingTests
{
    [Fact]
    public async Task Pages_of_two_cover_every_convention_exactly_once_in_departement_then_id_order()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var (paged, pageSizes, totals) = await ReadAllPagesAsync(harness.Conventions, pageSize: 2, cafDepartement: "");

        var all = (await harness.Conventions.ListConventionsAsync(new ListConventionsRequest())).Conventions;
        var expected = all.OrderBy(c => c.CafDepartement, StringComparer.Ordinal).ThenBy(c => c.ConventionId, StringComparer.Ordinal)
            .Select(c => c.ConventionId).ToList();
        Assert.Equal(expected, all.Select(c => c.ConventionId));
        Assert.Equal(expected, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.All(pageSizes.SkipLast(1), size => Assert.Equal(2, size));
        Assert.Equal(expected.Count % 2 == 0 ? 2 : 1, pageSizes[^1]);
        Assert.All(totals, total => Assert.Equal(expected.Count, total));
        Assert.Contains("ctg-39-jura-nord-2019", paged);
    }

    [PostgresFact]
    public async Task Pages_on_postgres_follow_the_same_order_as_one_big_page()
    {
        await using var harness = await SignatoriesHarness.StartPostgresAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var (paged, _, _) = await ReadAllPagesAsync(harness.Conventions, pageSize: 1, cafDepartement: "");

        var all = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 500 } });
        Assert.Equal(all.Conventions.Select(c => c.ConventionId), paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());
        Assert.Equal("", all.Page.NextPageToken);
    }

    [Fact]
    public async Task The_filter_applies_to_every_page_and_the_last_page_has_no_next_token()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());

        var first = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { CafDepartement = "39", Page = new PageRequest { PageSize = 1 } });
        Assert.Equal(new[] { "ctg-39-jura-nord-2019" }, first.Conventions.Select(c => c.ConventionId));
        Assert.NotEqual("", first.Page.NextPageToken);
        Assert.Equal(2, first.Page.TotalSize);

        var second = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest
        {
            CafDepartement = "39", Page = new PageRequest { PageSize = 1, PageToken = first.Page.NextPageToken },
        });
        Assert.Equal(new[] { "ctg-39-val-damour-2025" }, second.Conventions.Select(c => c.ConventionId));
        Assert.Equal("", second.Page.NextPageToken);
        Assert.Equal(2, second.Page.TotalSize);
    }

    [Fact]
    public async Task Without_a_page_the_first_fifty_come_back_and_an_empty_list_has_no_next_token()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var empty = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest());
        Assert.Empty(empty.Conventions);
        Assert.Equal(("", 0), (empty.Page.NextPageToken, empty.Page.TotalSize));

        await harness.Conventions.LoadDemoDataAsync(new LoadDemoDataRequest());
        var loaded = await harness.Conventions.ListConventionsAsync(new ListConventionsRequest());
        Assert.Equal((int)await harness.CountAsync("conventions"), loaded.Conventions.Count);
        Assert.Equal("", loaded.Page.NextPageToken);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task A_page_size_out_of_range_is_invalid(int pageSize)
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, async () =>
            await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = pageSize } }));

        Assert.Equal(new[] { "page.page_size" }, fields);
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("Y3RnLTM5LWp1cmEtbm9yZC0yMDE5")] // base64url of a bare convention id, not a cursor
    [InlineData("Y29udmVudGlvbnMtYWZ0ZXI6Mzk")] // "conventions-after:39" without a convention id
    public async Task A_page_token_this_service_did_not_return_is_invalid(string token)
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument, async () =>
            await harness.Conventions.ListConventionsAsync(new ListConventionsRequest { Page = new PageRequest { PageSize = 2, PageToken = token } }));

        Assert.Equal(new[] { "page.page_token" }, fields);
    }

    [Fact]
    public void The_test_tokens_decode_to_what_their_comments_say()
    {
        Assert.Equal("ctg-39-jura-nord-2019", Encoding.UTF8.GetString(Convert.FromBase64String("Y3RnLTM5LWp1cmEtbm9yZC0yMDE5")));
        Assert.Equal("conventions-after:39", Encoding.UTF8.GetString(Convert.FromBase64String("Y29udmVudGlvbnMtYWZ0ZXI6Mzk=")));
    }

    private static async Task<(List<string> Ids, List<int> PageSizes, List<int> Totals)> ReadAllPagesAsync(
        Ctg.Signatories.V1.Conventions.ConventionsClient client, int pageSize, string cafDepartement)
    {
        var ids = new List<string>();
        var sizes = new List<int>();
        var totals = new List<int>();
        var token = "";
        do
        {
            var response = await client.ListConventionsAsync(new ListConventionsRequest
            {
                CafDepartement = cafDepartement, Page = new PageRequest { PageSize = pageSize, PageToken = token },
            });
            ids.AddRange(response.Conventions.Select(c => c.ConventionId));
            sizes.Add(response.Conventions.Count);
            totals.Add(response.Page.TotalSize);
            token = response.Page.NextPageToken;
            Assert.True(sizes.Count <= 100, "paging does not end");
        }
        while (token != "");

        return (ids, sizes, totals);
    }
}
