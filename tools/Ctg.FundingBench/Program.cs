using Ctg.FundingBench;

// dotnet run -c Release --project tools/Ctg.FundingBench [-- --concurrency 8 --seed 20260101]
return await NationalAllocationBenchmark.RunAsync(args, Console.Out);
