using System.CommandLine;
using Ctg.Cli.Platform;
using Grpc.Core;
using Grpc.Health.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg status</c>: grpc.health.v1 Check on every service, and the bus's /v1.0/healthz.</summary>
public static class StatusCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var command = new Command("status", "Affiche l'état de chaque service et du bus d'événements. Code 3 si l'un d'eux ne répond pas.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var endpoints = endpointOptions.Resolve(parse);
            // Health is open to anyone: no session needed, and no token for the services to validate.
            using var clients = ServiceClients.Anonymous(endpoints);
            var checks = new (string Name, Uri Address, Func<Task<string?>> Check)[]
            {
                ("signataires", endpoints.Signatories, () => CheckGrpc(clients.Signatories, cancellationToken)),
                ("structures", endpoints.Structures, () => CheckGrpc(clients.Structures, cancellationToken)),
                ("financements", endpoints.Funding, () => CheckGrpc(clients.Funding, cancellationToken)),
                ("restitution", endpoints.Reporting, () => CheckGrpc(clients.Reporting, cancellationToken)),
                ("bus d'événements", endpoints.Bus, () => CheckBus(endpoints.Bus, cancellationToken)),
            };
            var results = await Task.WhenAll(checks.Select(async c => (c.Name, c.Address, Problem: await c.Check())));

            var table = new Table().AddColumns("Composant", "Adresse", "État");
            foreach (var (name, address, problem) in results)
            {
                table.AddRow(
                    new Text(name),
                    new Text(address.ToString()),
                    problem is null ? new Markup("[green]en service[/]") : new Markup($"[red]{Markup.Escape(problem)}[/]"));
            }
            context.Console.Write(table);

            var down = results.Count(r => r.Problem is not null);
            if (down == 0)
            {
                context.Console.MarkupLine("Tous les composants répondent.");
                return ExitCodes.Ok;
            }
            context.ErrorConsole.MarkupLine($"[red]Erreur :[/] {down} composant{(down > 1 ? "s ne répondent" : " ne répond")} pas. Démarrez la plateforme avec « make run » ou vérifiez les adresses (--signatories-url…).");
            return ExitCodes.ServiceUnavailable;
        });
        return command;
    }

    /// <summary>Null when serving, else the French reason.</summary>
    private static async Task<string?> CheckGrpc(Grpc.Net.Client.GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? null : $"hors service ({reply.Status})";
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return "injoignable";
        }
        catch (RpcException e)
        {
            return $"erreur {e.StatusCode}";
        }
    }

    private static async Task<string?> CheckBus(Uri bus, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(bus, "/v1.0/healthz"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"hors service (HTTP {(int)response.StatusCode})";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "injoignable";
        }
    }
}
