using System.Globalization;
using Ctg.Domain;
using Ctg.Structures.Shared;

namespace Ctg.Structures.Import;

/// <summary>The total size an import may send (<c>Structures:Import:MaxBytes</c>, default 64 MiB): the file is
/// held in memory to be validated whole, so an endless stream must stop before it exhausts the service.</summary>
internal sealed class ImportLimits(long maxBytes)
{
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public long MaxBytes { get; } = maxBytes > 0 ? maxBytes : DefaultMaxBytes;

    public static ImportLimits From(IConfiguration configuration) =>
        new(long.TryParse(configuration["Structures:Import:MaxBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : DefaultMaxBytes);

    /// <summary>RESOURCE_EXHAUSTED once <paramref name="bytes"/> passes the limit; nothing has been written yet.</summary>
    public void Check(long bytes)
    {
        if (bytes > MaxBytes)
        {
            throw new LimitExceededError(
                $"The import is larger than {MaxBytes} bytes (Structures:Import:MaxBytes); nothing was imported. Split the file.");
        }
    }
}
