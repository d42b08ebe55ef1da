using Microsoft.AspNetCore.Http.Extensions;

namespace Ctg.DevBus.SidecarApi;

/// <summary>
/// Dapr's service invocation over HTTP (<c>/v1.0/invoke/{app-id}/method/{method}</c>), forwarded to the
/// address of an app the bus was told about with <c>--app</c>. Reporting uses it to ask a service to replay
/// its events, exactly as it would through a real daprd.
/// </summary>
public static class ServiceInvocationEndpoints
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Content-Type",
        // The caller's sidecar token stays here; the app gets the app token instead.
        AppToken.Header,
    };

    public static WebApplication MapServiceInvocation(this WebApplication app)
    {
        app.Map("/v1.0/invoke/{appId}/method/{**method}", InvokeAsync);
        return app;
    }

    private static async Task InvokeAsync(
        string appId, string? method, HttpContext context, DevBusOptions options, IHttpClientFactory httpClients)
    {
        if (!options.Apps.TryGetValue(appId, out var address))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"app id {appId} is not known to the bus" });
            return;
        }

        var target = new Uri(address, (method ?? string.Empty) + context.Request.QueryString.ToUriComponent());
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var header in context.Request.Headers.Where(h => !HopByHopHeaders.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        if (options.AppApiToken is not null)
        {
            request.Headers.TryAddWithoutValidation(AppToken.Header, options.AppApiToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(nameof(ServiceInvocationEndpoints))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException exception)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"{appId} did not answer at {target.GetLeftPart(UriPartial.Path)}: {exception.Message}" });
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } responseType)
            {
                context.Response.ContentType = responseType.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
