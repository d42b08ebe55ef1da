using Ctg.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Platform.Tests.Transport;

/// <summary>A service built exactly like a real one (AddServiceDefaults + MapServiceDefaults), exposing Echo.</summary>
public static class EchoHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("ctg-echo");
        builder.Services.AddSingleton<CancellationProbe>();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<EchoService>();
        return app;
    }
}
