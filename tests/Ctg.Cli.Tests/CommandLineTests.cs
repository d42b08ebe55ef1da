using System.Net;
using System.Net.Sockets;

namespace Ctg.Cli.Tests;

/// <summary>Exit codes and French messages of whole commands, where no service is needed to decide.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_is_french_and_documents_the_exit_codes()
    {
        var (exit, console) = await TestConsole.RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("Codes de sortie : 0 succès ; 1 erreur d'utilisation", console.Output);
        // French typography: a no-break space before the colon.
        Assert.Contains("Utilisation\u00A0:", console.Output);
        Assert.StartsWith("Description\u00A0:", console.Output);
        Assert.Contains("allocate <ctg> <année>", console.Output);
        Assert.Contains("Affiche l'aide et l'utilisation", console.Output);
    }

    [Fact]
    public async Task Import_help_says_several_files_are_all_checked_before_any_is_imported()
    {
        var (exit, console) = await TestConsole.RunAsync("import", "--help");
        Assert.Equal(0, exit);
        var text = System.Text.RegularExpressions.Regex.Replace(console.Output, @"\s+", " ");
        Assert.Contains("Avec plusieurs fichiers, tous sont d'abord vérifiés ensemble (import à blanc par le service des structures", text);
        Assert.Contains("rien n'est importé, d'aucun fichier, si l'un d'eux contient une erreur", text);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error() => Assert.Equal(1, (await TestConsole.RunAsync("allouer")).ExitCode);

    [Fact]
    public async Task Year_that_is_not_a_number_is_a_usage_error_in_french()
    {
        var (exit, console) = await TestConsole.RunAsync("allocate", "ctg-39-jura-nord-2019", "deux-mille");
        Assert.Equal(1, exit);
        Assert.Contains("L'année doit être un nombre de quatre chiffres, par exemple 2019 ; reçu « deux-mille ».", console.Error);
    }

    [Fact]
    public async Task Approve_and_no_approve_together_is_a_usage_error()
    {
        var (exit, console) = await TestConsole.RunAsync("allocate", "ctg-39-jura-nord-2019", "2019", "--approve", "--no-approve");
        Assert.Equal(1, exit);
        Assert.Contains("Les options --approve et --no-approve s'excluent", console.Error);
    }

    [Fact]
    public async Task Export_without_a_file_is_a_usage_error()
    {
        var (exit, console) = await TestConsole.RunAsync("export", "ctg-39-jura-nord-2019", "2019");
        Assert.Equal(1, exit);
        Assert.Contains("--csv fichier.csv et/ou --html rapport.html", console.Error);
    }

    [Fact]
    public async Task Import_without_file_nor_demo_is_a_usage_error() =>
        Assert.Equal(1, (await TestConsole.RunAsync("import")).ExitCode);

    [Fact]
    public async Task Bad_endpoint_is_a_usage_error_naming_the_option()
    {
        var (exit, console) = await TestConsole.RunAsync("status", "--funding-url", "localhost:5103");
        Assert.Equal(1, exit);
        Assert.Contains("L'option --funding-url attend une adresse http:// ou https://", console.Error);
    }

    [Fact]
    public async Task Service_down_is_exit_3_with_a_french_sentence()
    {
        var closed = ClosedPort();
        var (exit, console) = await TestConsole.RunAsync("allocate", "ctg-39-jura-nord-2019", "2019", "--no-approve", "--funding-url", $"http://127.0.0.1:{closed}");
        Assert.Equal(3, exit);
        Assert.Contains("Le service des financements ne répond pas.", console.Error);
    }

    [Fact]
    public async Task Status_with_nothing_listening_is_exit_3()
    {
        var args = new List<string> { "status" };
        foreach (var option in new[] { "--signatories-url", "--structures-url", "--funding-url", "--reporting-url", "--bus-url" })
        {
            args.Add(option);
            args.Add($"http://127.0.0.1:{ClosedPort()}");
        }
        var (exit, console) = await TestConsole.RunAsync([.. args]);
        Assert.Equal(3, exit);
        Assert.Equal(5, console.Output.Split("injoignable").Length - 1);
    }

    [Fact]
    public async Task Params_validate_reports_every_bad_file_with_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("ctg-params-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "taux.yaml"), "description: x\nmetadata:\n  unit: furlongs\nvalues:\n  2020-01-01:\n    value: 1\n");
            var (exit, console) = await TestConsole.RunAsync("params", "validate", "--dir", dir);
            Assert.Equal(2, exit);
            Assert.Contains("rien n'a été chargé", console.Error);
            Assert.Contains("fichier « taux.yaml »", console.Error);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Params_show_of_an_unknown_key_is_exit_4()
    {
        var (exit, console) = await TestConsole.RunAsync("params", "show", "psu.inexistant", "--dir", RepositoryParameters());
        Assert.Equal(4, exit);
        Assert.Contains("Le paramètre « psu.inexistant » n'existe pas.", console.Error);
    }

    [Fact]
    public async Task Params_show_prints_values_with_references_and_confidence()
    {
        var (exit, console) = await TestConsole.RunAsync("params", "show", "bt.alsh.cap_heures_nouvelles", "--dir", RepositoryParameters());
        Assert.Equal(0, exit);
        Assert.Contains("01/01/2025", console.Output);
        Assert.Contains("0,25 (25\u00A0%)", console.Output);
        Assert.Contains("S — source secondaire", console.Output);
        Assert.Contains("AMF 62", console.Output);
    }

    [Fact]
    public async Task Params_load_sends_the_file_to_the_funding_service_and_writes_no_repository_file()
    {
        var bareme = Path.Combine(Path.GetTempPath(), $"bareme-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(bareme,
            "description: \"Taux de la PS LAEP (30 %)\"\nmetadata:\n  unit: ratio\nvalues:\n" +
            "  2027-01-01:\n    value: 0.31\n    reference:\n      title: \"Circulaire CNAF 2026\"\n      url: \"https://example.org/cnaf\"\n    confidence: P\n");
        var repositoryFile = Path.Combine(RepositoryParameters(), "laep", "taux.yaml");
        var before = File.ReadAllText(repositoryFile);
        try
        {
            // Nothing listens: the load goes to the service (exit 3), never to the repository's files.
            var (exit, console) = await TestConsole.RunAsync("params", "load", bareme, "--key", "laep.taux", "--source", "circulaire CNAF 2026",
                "--funding-url", $"http://127.0.0.1:{ClosedPort()}");
            Assert.Equal(3, exit);
            Assert.Contains("service des financements", console.Error);
            Assert.Equal(before, File.ReadAllText(repositoryFile));
        }
        finally { File.Delete(bareme); }
    }

    [Fact]
    public async Task Params_load_of_a_value_without_reference_is_refused_before_calling_the_service()
    {
        var bareme = Path.Combine(Path.GetTempPath(), $"bareme-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(bareme, "description: x\nmetadata:\n  unit: ratio\nvalues:\n  2027-01-01:\n    value: 0.31\n    confidence: P\n");
        try
        {
            var (exit, console) = await TestConsole.RunAsync("params", "load", bareme, "--key", "laep.taux", "--source", "test",
                "--funding-url", $"http://127.0.0.1:{ClosedPort()}");
            Assert.Equal(2, exit);
            Assert.Contains("fichier « laep/taux.yaml » : value of 2027-01-01: reference.title and reference.url are required", console.Error);
        }
        finally { File.Delete(bareme); }
    }

    private static string RepositoryParameters()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "services", "Funding", "parameters");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("services/Funding/parameters not found");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
