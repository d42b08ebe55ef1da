using Ctg.Eventing;

namespace Ctg.Eventing.Tests.Support;

/// <summary>The event the tests publish and consume.</summary>
public sealed record SampleHappened(string Value, int Number) : IntegrationEvent
{
    public const string Topic = "structures.sample-happened.v1";
}
