// Development bus: a Dapr-compatible sidecar stand-in for local runs and tests.
//   dotnet run --project tools/Ctg.DevBus -- --port 3500 --data .data/devbus.db \
//       --app signatories=http://127.0.0.1:5101 --app structures=http://127.0.0.1:5201 ...
using Ctg.DevBus;

DevBusOptions options;
try
{
    options = DevBusOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"devbus: {exception.Message}");
    Console.Error.WriteLine("usage: Ctg.DevBus --port 3500 [--grpc-port 50001] [--dapr-api-token T] [--app-api-token T] --data .data/devbus.db --app name=http://127.0.0.1:PORT [--app ...] [--apps-file apps.json]");
    Console.Error.WriteLine("       [--pubsub pubsub] [--max-attempts 5] [--initial-backoff-ms 200] [--max-backoff-ms 10000]");
    Console.Error.WriteLine("       [--discovery-interval-ms 5000] [--delivery-timeout-ms 30000] [--idle-poll-ms 500] [--log-level Information] [--json-logs]");
    return 2;
}

var app = DevBusApp.Build(options);
await DevBusApp.MigrateAsync(app, CancellationToken.None);
await app.RunAsync();
return 0;
