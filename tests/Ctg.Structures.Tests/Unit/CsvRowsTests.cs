using Ctg.Structures.Import;

namespace Ctg.Structures.Tests.Unit;

/// <summary>The rows of a file are read from its text on each walk, not kept: every walk gives the same rows, and
/// a row of the wrong width is reported once, when the file is opened.</summary>
public sealed class CsvRowsTests
{
    [Fact]
    public void Every_walk_gives_the_same_rows_and_a_wrong_row_is_reported_once()
    {
        var errors = new List<ImportErrorItem>();
        var rows = CsvReader.ReadRows("a;b\r\n1;\"x;y\"\r\n2\r\n\r\n3;\"multi\nline\"\r\n4;z\r\n", ["a", "b"], errors, out var header);

        Assert.Equal(["a", "b"], header);
        Assert.Equal(3, rows.Count);
        string[] expected = ["2:1|x;y", "5:3|multi\nline", "7:4|z"];
        Assert.Equal(expected, rows.Select(r => $"{r.Line}:{string.Join('|', r.Fields)}"));
        Assert.Equal(expected, rows.Select(r => $"{r.Line}:{string.Join('|', r.Fields)}"));
        var error = Assert.Single(errors);
        Assert.Equal((3, "row", "has 1 fields separated by ';', expected 2."), (error.Line, error.Field, error.Message));
    }
}
