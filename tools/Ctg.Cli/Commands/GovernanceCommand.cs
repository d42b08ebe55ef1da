using System.CommandLine;
using Ctg.Presentation.Formatting;
using Ctg.Cli.Platform;
using Ctg.Signatories.V1;
using Spectre.Console;

namespace Ctg.Cli.Commands;

/// <summary><c>ctg gouvernance &lt;ctg&gt;</c>: the governance calendar of a CTG — its bodies with their planned
/// frequency, the meetings held, and the years a body met less often than planned.</summary>
public static class GovernanceCommand
{
    public static Command Create(CliContext context, EndpointOptions endpointOptions)
    {
        var convention = CommonArguments.Convention();
        var command = new Command("gouvernance", "Affiche le calendrier de gouvernance d'une CTG : instances, fréquence prévue, réunions tenues et alertes.")
        {
            convention,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var clients = new ServiceClients(endpointOptions.Resolve(parse));
            var client = new Governance.GovernanceClient(clients.Signatories);
            var view = await client.GetGovernanceAsync(new GetGovernanceRequest { ConventionId = parse.GetValue(convention)! },
                deadline: ServiceClients.Deadline(), cancellationToken: cancellationToken);
            Write(context.Console, view);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void Write(IAnsiConsole console, GovernanceView view)
    {
        console.WriteLine($"Gouvernance de {view.ConventionId} au {French.Date(view.AsOf)}");
        foreach (var body in view.Bodies)
        {
            console.WriteLine($"- {body.Name} : {Frequency(body)}");
            foreach (var meeting in view.Meetings.Where(m => m.BodyId == body.BodyId))
            {
                var decisions = meeting.Decisions.Count == 0 ? "décisions non renseignées" : string.Join(" ; ", meeting.Decisions);
                console.WriteLine($"    réunion du {French.Date(meeting.HeldOn)} : {decisions}");
            }
        }

        if (view.CooperationOfficers.Count > 0)
        {
            foreach (var officer in view.CooperationOfficers)
            {
                var fte = officer.HasFte ? French.Number((decimal)officer.Fte) + " ETP" : "ETP non renseigné";
                console.WriteLine($"Chargé de coopération : {(officer.FullName.Length == 0 ? "nom non renseigné" : officer.FullName)}, {fte}");
            }
        }

        console.WriteLine(view.Alerts.Count == 0 ? "Aucune alerte." : $"{view.Alerts.Count} alerte(s) :");
        foreach (var alert in view.Alerts)
        {
            console.WriteLine($"  ! {alert.BodyName} : {alert.MeetingsHeld} réunion(s) en {alert.Year}, au moins {alert.PlannedMinMeetings} prévue(s)");
        }
    }

    private static string Frequency(GovernanceBody body) => (body.HasMinMeetingsPerYear, body.HasMaxMeetingsPerYear) switch
    {
        (true, true) when body.MinMeetingsPerYear == body.MaxMeetingsPerYear => $"{body.MinMeetingsPerYear} fois par an",
        (true, true) => $"{body.MinMeetingsPerYear} à {body.MaxMeetingsPerYear} fois par an",
        (true, false) => $"au moins {body.MinMeetingsPerYear} fois par an",
        _ => body.FrequencyText.Length > 0 ? body.FrequencyText : "fréquence non renseignée",
    };
}
