using System.Diagnostics;

namespace Ctg.Platform.Tests.Transport;

/// <summary>The README's curl recipe works: any HTTP/2 client can make a gRPC call with a hand-framed body.</summary>
public sealed class CurlTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [CurlFact]
    public async Task Curl_with_http2_prior_knowledge_checks_health()
    {
        var body = Path.GetTempFileName();
        var headers = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(body, new byte[5]); // an empty HealthCheckRequest: flag 0, length 0
            var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "-sS", "--http2-prior-knowledge", "--max-time", "10", "-D", headers,
                "-H", "content-type: application/grpc", "-H", "te: trailers", "--data-binary", "@" + body,
                new Uri(server.Service.GrpcAddress, "/grpc.health.v1.Health/Check").ToString(),
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var curl = Process.Start(info)!;
            using var stdout = new MemoryStream();
            await curl.StandardOutput.BaseStream.CopyToAsync(stdout);
            await curl.WaitForExitAsync();
            Assert.Equal(0, curl.ExitCode);
            // One message: flag 0, length 2, HealthCheckResponse{status: SERVING (1)} = 08 01.
            Assert.Equal(new byte[] { 0, 0, 0, 0, 2, 0x08, 0x01 }, stdout.ToArray());
            var dumped = await File.ReadAllTextAsync(headers);
            Assert.Contains("grpc-status: 0", dumped, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(body);
            File.Delete(headers);
        }
    }
}
