using Ctg.Benchmarks;

// `make bench` runs tools/bench.sh, which runs one section of this program after another.
return args.FirstOrDefault() switch
{
    "transport" => await TransportBenchmark.RunAsync(),
    "serve" => await EchoServer.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ctg.Benchmarks transport | serve PORT");
    return 2;
}
