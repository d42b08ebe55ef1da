using System.Text;
using System.Text.Json;

namespace Ctg.Cli.Identity;

/// <summary>What ctg whoami shows, read from the payload of the cached access token. ctg does not
/// validate the signature (the services do); it only tells the person who they are logged in as.</summary>
public sealed record AccessTokenClaims(string Subject, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Cafs, IReadOnlyList<string> Gestionnaires)
{
    public static AccessTokenClaims Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2)
        {
            return new AccessTokenClaims("?", "?", [], [], []);
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        var root = json.RootElement;
        IReadOnlyList<string> Values(string name) => !root.TryGetProperty(name, out var value) ? [] :
            value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")] : [value.GetString() ?? ""];
        var subject = Values("sub").FirstOrDefault() ?? "?";
        return new AccessTokenClaims(subject, Values("name").FirstOrDefault() ?? subject, Values("role"), Values("ctg_caf"), Values("ctg_gestionnaire"));
    }
}
