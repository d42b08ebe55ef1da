namespace Ctg.Platform.Tests.Transport;

/// <summary>A test that needs the curl command line; reported as skipped (never as passed) where it is absent.</summary>
public sealed class CurlFactAttribute : FactAttribute
{
    public CurlFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "curl")));
        if (!onPath)
        {
            Skip = "curl is not installed.";
        }
    }
}
