using Ctg.Common.V1;
using Ctg.Domain;
using Ctg.ServiceDefaults;

namespace Ctg.Application.Tests;

/// <summary>The one paging rule: 0 means 50, at most 500, one message; one opaque cursor codec.</summary>
public sealed class PagingTests
{
    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 1)]
    [InlineData(500, 500)]
    public void A_page_size_in_bounds_is_taken_and_zero_means_fifty(int asked, int size)
    {
        var violations = new Violations();
        var query = Paging.Read(new PageRequest { PageSize = asked }, violations);

        Assert.True(violations.IsValid);
        Assert.Equal((size, size + 1, (IReadOnlyList<string>?)null), (query.Size, query.Limit, query.After));
    }

    [Fact]
    public void A_missing_page_request_is_the_first_page_of_fifty()
    {
        var query = Paging.Read(null, new Violations());

        Assert.Equal((50, (IReadOnlyList<string>?)null), (query.Size, query.After));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public void A_page_size_out_of_bounds_is_a_violation_with_the_one_message(int asked)
    {
        var violations = new Violations();
        Paging.Read(new PageRequest { PageSize = asked }, violations);

        Assert.Equal([new FieldViolation("page.page_size", "must be between 0 (default 50) and 500.")], violations.Items);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("YWZ0ZXI6c3RyLTE")] // another codec's token ("after:str-1")
    [InlineData("!!!")]
    public void A_token_this_codec_did_not_make_is_a_violation(string token)
    {
        var violations = new Violations();
        Paging.Read(new PageRequest { PageToken = token }, violations, "options.page");

        Assert.Equal([new FieldViolation("options.page.page_token", "is not a token this service returned.")], violations.Items);
    }

    [Fact]
    public void A_cursor_round_trips_its_key_parts()
    {
        var token = PageCursor.Encode("39", "ctg-39-jura-nord-2019");

        Assert.DoesNotContain('=', token);
        Assert.DoesNotContain("ctg-39", token, StringComparison.Ordinal);
        Assert.Equal(["39", "ctg-39-jura-nord-2019"], PageCursor.Decode(token));
        Assert.Equal(["Crèche « Les Lutins »"], PageCursor.Decode(PageCursor.Encode("Crèche « Les Lutins »")));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(501, 500)]
    public void A_top_level_page_size_out_of_bounds_is_the_same_violation_on_its_own_field(int asked, int clamped)
    {
        var violations = new Violations();

        Assert.Equal(clamped, Paging.ReadSize(asked, violations, "page_size"));
        Assert.Equal([new FieldViolation("page_size", "must be between 0 (default 50) and 500.")], violations.Items);
    }

    [Fact]
    public void A_top_level_page_token_reads_with_the_one_codec()
    {
        var violations = new Violations();

        Assert.Equal(50, Paging.ReadSize(0, violations, "page_size"));
        Assert.Null(Paging.ReadAfter("", violations, "page_token"));
        Assert.Equal(["42"], Paging.ReadAfter(PageCursor.Encode("42"), violations, "page_token"));
        Assert.True(violations.IsValid);
        Assert.Null(Paging.ReadAfter("42", violations, "page_token"));
        Assert.Equal([new FieldViolation("page_token", "is not a token this service returned.")], violations.Items);
    }

    [Fact]
    public void Cut_keeps_the_page_and_names_the_last_row_as_the_next_cursor()
    {
        var query = Paging.Read(new PageRequest { PageSize = 2 }, new Violations());
        var (items, page) = Paging.Cut(["a", "b", "c"], query, row => [row], totalSize: 7);
        var next = Paging.Read(new PageRequest { PageSize = 2, PageToken = page.NextPageToken }, new Violations());
        var (lastItems, lastPage) = Paging.Cut(["c"], next, row => [row]);

        Assert.Equal(("a b", 7), (string.Join(' ', items), page.TotalSize));
        Assert.Equal("b", next.AfterKey);
        Assert.Equal(("c", ""), (string.Join(' ', lastItems), lastPage.NextPageToken));
    }
}
