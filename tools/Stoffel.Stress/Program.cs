using Stoffel.Stress;

return StressApplication.Run(args, Console.Out, Console.Error);
