using System.Text;
using Ctg.Common.V1;
using Ctg.Domain;

namespace Ctg.ServiceDefaults;

/// <summary>The one paging rule of every list RPC: <c>page_size</c> 0 means <see cref="DefaultPageSize"/>,
/// at most <see cref="MaxPageSize"/>; <c>page_token</c> is an opaque cursor this service returned
/// (<see cref="PageCursor"/>), naming the position after which the next page starts.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const string PageSizeMessage = "must be between 0 (default 50) and 500.";
    public const string PageTokenMessage = "is not a token this service returned.";

    /// <summary>Reads a page request, recording violations on <c>{field}.page_size</c> and
    /// <c>{field}.page_token</c>. The cursor is null on the first page (or when the token is invalid).</summary>
    public static PageQuery Read(PageRequest? page, Violations violations, string field = "page") =>
        new(ReadSize(page?.PageSize ?? 0, violations, field + ".page_size"), ReadAfter(page?.PageToken, violations, field + ".page_token"));

    /// <summary>The rows per page a <c>page_size</c> asks for, recording a violation on <paramref name="field"/>
    /// when it is out of range. For the requests that carry the size as a top-level field, not a <see cref="PageRequest"/>.</summary>
    public static int ReadSize(int size, Violations violations, string field)
    {
        violations.Require(size is >= 0 and <= MaxPageSize, field, PageSizeMessage);
        return size == 0 ? DefaultPageSize : Math.Clamp(size, 1, MaxPageSize);
    }

    /// <summary>The key parts a <c>page_token</c> names: null for the first page, and null with a violation on
    /// <paramref name="field"/> for a token <see cref="PageCursor"/> did not produce.</summary>
    public static IReadOnlyList<string>? ReadAfter(string? token, Violations violations, string field)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var after = PageCursor.Decode(token);
        violations.Require(after is not null, field, PageTokenMessage);
        return after;
    }

    /// <summary>For a list whose cursor is one key (the last row's id): a token of another shape is refused on
    /// <paramref name="field"/> as a forged one is.</summary>
    public static void RequireOneKey(PageQuery page, Violations violations, string field = "page.page_token") =>
        violations.Require(page.After is null || page.AfterKey is not null, field, PageTokenMessage);

    /// <summary>Cuts a page from rows read with <see cref="PageQuery.Limit"/> (one more than the page size):
    /// the extra row only says that a next page exists, whose token is the cursor of the page's last row.</summary>
    public static (IReadOnlyList<T> Items, PageResponse Page) Cut<T>(
        IReadOnlyList<T> rows, PageQuery query, Func<T, IReadOnlyList<string>> cursorOf, int totalSize = 0)
    {
        var items = rows.Count > query.Size ? rows.Take(query.Size).ToArray() : rows;
        var next = rows.Count > query.Size ? PageCursor.Encode(cursorOf(items[^1])) : "";
        return (items, new PageResponse { NextPageToken = next, TotalSize = totalSize });
    }
}

/// <summary>A validated page request: <see cref="Size"/> rows after <see cref="After"/> (the key parts
/// of the last row of the previous page, null for the first page).</summary>
public sealed record PageQuery(int Size, IReadOnlyList<string>? After)
{
    /// <summary>How many rows to read: one more than the page, to know whether a next page exists.</summary>
    public int Limit => Size + 1;

    /// <summary>The single key part of a cursor over one column (an id), or null on the first page.</summary>
    public string? AfterKey => After is [var key] ? key : null;
}

/// <summary>The one cursor codec: the ordered key parts of a row (e.g. CAF département then id),
/// versioned and base64url-encoded so a client treats it as opaque and a forged one is refused.</summary>
public static class PageCursor
{
    private const string Version = "c1";
    private const char Separator = '\u001f';

    public static string Encode(IReadOnlyList<string> keyParts)
    {
        if (keyParts.Count == 0 || keyParts.Any(p => p.Contains(Separator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("A cursor has at least one key part, none containing the unit separator.", nameof(keyParts));
        }

        var bytes = Encoding.UTF8.GetBytes(Version + Separator + string.Join(Separator, keyParts));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Encode(params string[] keyParts) => Encode((IReadOnlyList<string>)keyParts);

    /// <summary>The key parts of a token <see cref="Encode(IReadOnlyList{string})"/> produced, or null for anything else.</summary>
    public static IReadOnlyList<string>? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(Separator);
            return parts.Length >= 2 && parts[0] == Version ? parts[1..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
