using Ctg.FundingBench;

// dotnet tools/Ctg.FundingBench/bin/Release/net10.0/Ctg.FundingBench.dll [web] [--concurrency 8] [--seed 20260101]
//   (no command)  the national allocation through the real services (tools/bench.sh funding-service)
//   web           the web application's pages with the national data loaded (tools/bench.sh web)
return args.Length > 0 && args[0] == "web"
    ? await WebBenchmark.RunAsync(args[1..], Console.Out)
    : await NationalAllocationBenchmark.RunAsync(args, Console.Out);
