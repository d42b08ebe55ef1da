using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ctg.Cli.Identity;

/// <summary>What ctg login keeps between commands: the tokens and who they are for.</summary>
public sealed record StoredSession(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("login")] string Login,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

/// <summary>The session file in the user's profile: <c>$XDG_CONFIG_HOME/ctg/token.json</c> (else
/// <c>~/.config/ctg/token.json</c>), readable and writable by the user only.</summary>
public sealed class TokenCache(string path)
{
    public string Path { get; } = path;

    public static TokenCache ForUser(Func<string, string?> environment)
    {
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new TokenCache(System.IO.Path.Combine(config, "ctg", "token.json"));
    }

    public StoredSession? Load()
    {
        try
        {
            return File.Exists(Path) ? JsonSerializer.Deserialize<StoredSession>(File.ReadAllText(Path)) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged file is a missing session: ctg login writes a new one
        }
    }

    public void Save(StoredSession session)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(Path, options))
        {
            JsonSerializer.Serialize(stream, session);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; an older file keeps no wider rights either.
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }
}
