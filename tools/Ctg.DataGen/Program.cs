using Ctg.DataGen;

// ctg-datagen: the national synthetic data set (fixed seed) as CSV, and the funding engine benchmark.
//   generate [--out DIR] [--seed N]   write communes.csv, ctgs.csv, structures.csv
//   bench [--seed N]                  run FundingBenchmark (engine throughput, national allocation)
var command = args.Length > 0 ? args[0] : "help";
var seed = Option("--seed") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : NationalDataSetGenerator.DefaultSeed;
switch (command)
{
    case "generate":
        var dir = Option("--out") ?? "national-dataset";
        var files = CsvExport.Write(NationalDataSetGenerator.Generate(seed), dir);
        foreach (var f in files) Console.WriteLine($"écrit : {f}");
        return 0;
    case "bench":
        var result = FundingBenchmark.Run(Console.Out, seed);
        return result.InvariantsHold ? 0 : 1;
    default:
        Console.WriteLine("usage : ctg-datagen generate [--out DOSSIER] [--seed N] | bench [--seed N]");
        return command == "help" ? 0 : 2;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
