using System.Text;

namespace Ctg.Signatories.Persistence;

/// <summary>
/// Where a page of <c>ListConventions</c> ended: the sort key (CAF département, convention id) of its
/// last convention. On the wire it is an opaque base64url token, so callers cannot build one by hand
/// and the order can change later without breaking them.
/// </summary>
public sealed record ConventionListCursor(string CafDepartement, string ConventionId)
{
    private const string Prefix = "conventions-after:";

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Prefix}{CafDepartement}\n{ConventionId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor in <paramref name="token"/>, or null when it is not a token this service returned.</summary>
    public static ConventionListCursor? Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(padded));
            if (!text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return null;
            }

            var parts = text[Prefix.Length..].Split('\n');
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? new ConventionListCursor(parts[0], parts[1]) : null;
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }
}
