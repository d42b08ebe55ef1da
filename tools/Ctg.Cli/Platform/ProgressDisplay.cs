using Spectre.Console;

namespace Ctg.Cli.Platform;

/// <summary>Progress bars on a terminal; nothing when the output is a file or a pipe, where a bar would
/// only leave "0%" lines behind.</summary>
public static class ProgressDisplay
{
    public sealed class Steps(IReadOnlyList<ProgressTask?> tasks)
    {
        public void Report(int step, double done, double total)
        {
            if (tasks[step] is not { } task || total <= 0) return;
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = Math.Min(total, done);
        }

        public void Complete(int step)
        {
            if (tasks[step] is not { } task) return;
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
        }
    }

    public static async Task RunAsync(IAnsiConsole console, IReadOnlyList<string> descriptions, Func<Steps, Task> work, bool clearWhenDone = false)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            await work(new Steps(descriptions.Select(_ => (ProgressTask?)null).ToList()));
            return;
        }
        await console.Progress()
            .AutoClear(clearWhenDone)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = descriptions.Select(d =>
                {
                    var task = context.AddTask(Markup.Escape(d), maxValue: 1);
                    task.IsIndeterminate = true;
                    return (ProgressTask?)task;
                }).ToList();
                await work(new Steps(tasks));
            });
    }
}
