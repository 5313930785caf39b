using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Stoffel.Bench -- --filter '*'   (add --job short for a quick run)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
