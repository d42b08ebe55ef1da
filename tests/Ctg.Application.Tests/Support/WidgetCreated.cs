using Ctg.Eventing;

namespace Ctg.Application.Tests.Support;

/// <summary>The event of the test domain: a widget was created.</summary>
internal sealed record WidgetCreated(string WidgetId, string Name) : IntegrationEvent
{
    public const string Topic = "test.widget-created.v1";
}
