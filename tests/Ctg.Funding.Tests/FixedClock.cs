namespace Ctg.Funding.Tests;

/// <summary>A clock that always reads the same instant, so timestamps the service writes are exact.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
