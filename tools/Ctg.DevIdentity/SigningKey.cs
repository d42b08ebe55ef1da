using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Ctg.DevIdentity;

/// <summary>The RSA key that signs tokens: generated at start, or kept in a development-only PEM file
/// (DevIdentity:SigningKeyFile, under .data/ for make run, never committed) so tokens survive a restart.</summary>
public static class SigningKey
{
    public static RsaSecurityKey Load(string? file)
    {
        var rsa = RSA.Create(2048);
        if (string.IsNullOrEmpty(file))
        {
            return new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
        }

        if (File.Exists(file))
        {
            rsa.ImportFromPem(File.ReadAllText(file));
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, rsa.ExportRSAPrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        // The key id is derived from the public key, so a restart with the same file publishes the same kid.
        var kid = Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16].ToLowerInvariant();
        return new RsaSecurityKey(rsa) { KeyId = kid };
    }
}
