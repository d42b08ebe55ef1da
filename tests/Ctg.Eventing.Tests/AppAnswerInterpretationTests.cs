using System.Net;
using Ctg.DevBus.Delivery;

namespace Ctg.Eventing.Tests;

/// <summary>How the development bus reads an app's answer, as Dapr's pub/sub app contract defines it.</summary>
public sealed class AppAnswerInterpretationTests
{
    [Theory]
    [InlineData(200, """{"status":"SUCCESS"}""", DeliveryOutcomeKind.Success)]
    [InlineData(200, """{"status":"success"}""", DeliveryOutcomeKind.Success)]
    [InlineData(200, "", DeliveryOutcomeKind.Success)]
    [InlineData(204, "", DeliveryOutcomeKind.Success)]
    [InlineData(200, """{"other":1}""", DeliveryOutcomeKind.Success)]
    [InlineData(200, "plain text", DeliveryOutcomeKind.Success)]
    [InlineData(200, """{"status":"RETRY"}""", DeliveryOutcomeKind.Retry)]
    [InlineData(200, """{"status":"DROP"}""", DeliveryOutcomeKind.Drop)]
    [InlineData(200, """{"status":"MAYBE"}""", DeliveryOutcomeKind.Retry)]
    [InlineData(404, "", DeliveryOutcomeKind.Drop)]
    [InlineData(500, """{"status":"RETRY"}""", DeliveryOutcomeKind.Retry)]
    [InlineData(503, "", DeliveryOutcomeKind.Retry)]
    [InlineData(400, "", DeliveryOutcomeKind.Retry)]
    public void Answers_map_to_dapr_outcomes(int status, string body, DeliveryOutcomeKind expected)
    {
        Assert.Equal(expected, AppDeliveryClient.Interpret((HttpStatusCode)status, body).Kind);
    }
}
