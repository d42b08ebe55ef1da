using System.Diagnostics;

namespace Ctg.EndToEnd.Tests;

/// <summary>Renders an HTML file to a PNG with Debian's headless chromium, in a throwaway profile,
/// without any network (the report must need none).</summary>
public static class HeadlessChromium
{
    public static string? Find() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<string> ScreenshotAsync(string htmlFile, string pngFile, int width = 1280, int height = 900)
    {
        var chromium = Find() ?? throw new InvalidOperationException(
            "chromium is not installed: apt-get install -y chromium (make test installs it).");
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
