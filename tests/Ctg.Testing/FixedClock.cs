namespace Ctg.Testing;

/// <summary>A clock the test sets, so the instants a service writes (audit, runs, events) and time-range queries are exact.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
