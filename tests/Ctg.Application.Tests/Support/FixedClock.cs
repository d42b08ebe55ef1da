namespace Ctg.Application.Tests.Support;

/// <summary>A clock the test sets, so audit instants and time-range queries are exact.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
