using System.Diagnostics;

namespace Ctg.Testing.Platform;

/// <summary>Renders an HTML file to a PNG with Debian's headless chromium, in a throwaway profile,
/// without any network (the report must need none).</summary>
public static class HeadlessChromium
{
    public static string? Find() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>A fresh CI machine has no chromium: install Debian's package (needs root and apt), once.</summary>
    public static async Task<string> FindOrInstallAsync()
    {
        if (Find() is { } found) return found;
        var log = new System.Text.StringBuilder();
        if (File.Exists("/usr/bin/apt-get"))
        {
            foreach (var arguments in new[] { "install -y -q chromium", "update -q", "install -y -q chromium" })
            {
                log.AppendLine(await RunAsync("/usr/bin/apt-get", arguments, TimeSpan.FromMinutes(10)));
                if (Find() is { } installed) return installed;
            }
        }
        throw new InvalidOperationException("chromium is not installed and apt-get could not install it:\n" + log);
    }

    private static async Task<string> RunAsync(string program, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return $"{program} {arguments}: exit {process.ExitCode}\n{await output}\n{await error}";
    }

    public static async Task<string> ScreenshotAsync(string htmlFile, string pngFile, int width = 1280, int height = 900)
    {
        var chromium = await FindOrInstallAsync();
        var profile = Directory.CreateTempSubdirectory("ctg-chromium-").FullName;
        try
        {
            var info = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", $"--user-data-dir={profile}", $"--screenshot={pngFile}", $"--window-size={width},{height}",
                new Uri(htmlFile).AbsoluteUri,
            }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return $"exit {process.ExitCode}\n{await output}\n{await error}";
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
