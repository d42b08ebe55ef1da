using System.Text.Json;

namespace Ctg.Platform.Tests.Transport;

/// <summary>A foreign implementation (grpc-js, tests/interop/client.js) calls our server hosted with the real
/// service defaults; each scenario prints what it observed and we assert it exactly.</summary>
public sealed class GrpcJsClientToOurServerTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private Task<JsonElement> Run(string scenario, string? argument = null) =>
        Node.RunClientAsync(server.Service.GrpcAddress, scenario, argument);

    [Fact]
    public async Task Unary_call_returns_the_reply()
    {
        var result = await Run("unary");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal("bonjour", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        var result = await Run("server-streaming");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal(["n-0", "n-1", "n-2", "n-3", "n-4"], Strings(result.GetProperty("replies")));
    }

    [Fact]
    public async Task Client_streaming_collects_every_request()
    {
        var result = await Run("client-streaming");
        Assert.Equal("a+b+c", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Bidirectional_streaming_answers_each_request_before_the_next_is_sent()
    {
        var result = await Run("bidi");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal(["UN", "DEUX", "TROIS"], Strings(result.GetProperty("replies")));
    }

    [Fact]
    public async Task Grpc_timeout_gives_deadline_exceeded_and_cancellation_reaches_the_handler()
    {
        var callId = "deadline-" + Guid.NewGuid().ToString("N");
        var result = await Run("deadline", callId);
        var error = result.GetProperty("error");
        Assert.Equal(4, error.GetProperty("code").GetInt32());
        Assert.Equal("DEADLINE_EXCEEDED", error.GetProperty("codeName").GetString());
        Assert.InRange(result.GetProperty("elapsedMs").GetInt32(), 950, 15000);
        Assert.True(await server.Probe.WaitAsync(callId, TimeSpan.FromSeconds(15)), $"the handler never observed the cancellation (handler started: {server.Probe.HasStarted(callId)})");
    }

    [Fact]
    public async Task Metadata_flows_both_ways_in_headers_and_trailers()
    {
        var result = await Run("metadata");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal("valeur-42", result.GetProperty("echoHeader").GetString());
        Assert.Equal("valeur-42", result.GetProperty("responseHeader").GetString());
        Assert.Equal("valeur-42!", result.GetProperty("responseTrailer").GetString());
        Assert.Equal("0001feff", result.GetProperty("binaryTrailerHex").GetString());
    }

    [Fact]
    public async Task Status_code_and_non_ascii_message_round_trip()
    {
        var error = (await Run("status")).GetProperty("error");
        Assert.Equal(9, error.GetProperty("code").GetInt32());
        Assert.Equal("Délibération non signée : élève, ça coûte 5 % — œuf", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Status_details_carry_bad_request_field_violations()
    {
        var error = (await Run("details")).GetProperty("error");
        Assert.Equal(3, error.GetProperty("code").GetInt32());
        var details = error.GetProperty("statusDetails");
        Assert.Equal(3, details.GetProperty("code").GetInt32());
        Assert.Equal("Montants invalides", details.GetProperty("message").GetString());
        Assert.Equal(["type.googleapis.com/google.rpc.BadRequest"], Strings(details.GetProperty("typeUrls")));
        var violations = details.GetProperty("violations").EnumerateArray()
            .Select(v => (v.GetProperty("field").GetString(), v.GetProperty("description").GetString())).ToArray();
        Assert.Equal([("montant.cents", "doit être positif"), ("structure_id", "obligatoire")], violations);
    }

    [Fact]
    public async Task Unknown_service_or_method_gives_unimplemented()
    {
        var result = await Run("unimplemented");
        Assert.Equal(12, result.GetProperty("unknownMethod").GetProperty("code").GetInt32());
        Assert.Equal(12, result.GetProperty("unknownService").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Gzip_request_is_accepted_and_the_compressed_reply_decoded()
    {
        var result = await Run("gzip");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal("gzip", result.GetProperty("requestEncoding").GetString());
        Assert.Equal(32 * 1024, result.GetProperty("payloadLength").GetInt32());
        Assert.True(result.GetProperty("payloadIntact").GetBoolean());
    }

    [Fact]
    public async Task Message_over_the_configured_limit_gives_resource_exhausted()
    {
        var error = (await Run("too-large", (EchoServerFixture.MaxMessageBytes + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture))).GetProperty("error");
        Assert.Equal(8, error.GetProperty("code").GetInt32());
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("codeName").GetString());
    }

    [Fact]
    public async Task Health_check_and_watch_report_serving()
    {
        var result = await Run("health");
        Assert.Equal("SERVING", result.GetProperty("check").GetString());
        Assert.Equal(5, result.GetProperty("unknownService").GetProperty("code").GetInt32());
        Assert.Equal("SERVING", result.GetProperty("watchFirst").GetString());
    }

    [Fact]
    public async Task Reflection_lists_the_services_and_a_call_succeeds_from_the_reflected_descriptors()
    {
        var result = await Run("reflection");
        Assert.Equal(
            ["ctg.testing.v1.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            Strings(result.GetProperty("services")));
        Assert.Equal(["Chat", "Collect", "Expand", "Say"], Strings(result.GetProperty("methods")));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.Equal("découvert par réflexion", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_readme_reflection_command_lists_and_calls_a_service()
    {
        var target = $"{server.Service.GrpcAddress.Host}:{server.Service.GrpcAddress.Port}";
        var list = await Node.RunAsync(["reflect.js", target], TimeSpan.FromSeconds(30));
        Assert.Equal(0, list.ExitCode);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["ctg.testing.v1.Echo", "  ctg.testing.v1.Echo/Say", "  ctg.testing.v1.Echo/Expand", "  ctg.testing.v1.Echo/Collect", "  ctg.testing.v1.Echo/Chat"],
            lines.SkipWhile(l => l != "ctg.testing.v1.Echo").Take(5).ToArray());
        Assert.Contains("  grpc.health.v1.Health/Check", lines);

        var call = await Node.RunAsync(["reflect.js", target, "ctg.testing.v1.Echo/Say", "{\"text\":\"bonjour\"}"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, call.ExitCode);
        Assert.Equal("bonjour", JsonDocument.Parse(call.Stdout).RootElement.GetProperty("text").GetString());

        var unknown = await Node.RunAsync(["reflect.js", target, "ctg.testing.v1.Echo/Nope"], TimeSpan.FromSeconds(30));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: ctg.testing.v1.Echo has no method Nope", unknown.Stderr.Trim());
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
