using System.Diagnostics;

namespace Ctg.Reporting.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes;
    /// then fails with what <paramref name="describe"/> says about the last state.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, int pollMs = 100)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or Grpc.Core.RpcException or IOException)
            {
                // The process may be starting or restarting: try again.
            }

            await Task.Delay(pollMs);
        }

        Assert.Fail($"Not reached within {timeout.TotalSeconds} s: {await describe()}");
    }

    public static async Task HttpAnswersAsync(Uri address, TimeSpan timeout, Func<string> diagnostics)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(address);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{address} did not answer within {timeout.TotalSeconds} s. Output:{Environment.NewLine}{diagnostics()}");
    }
}
