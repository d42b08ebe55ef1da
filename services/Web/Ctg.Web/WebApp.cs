using System.Globalization;
using Ctg.Web.Platform;
using Ctg.Web.Security;
using Microsoft.AspNetCore.Localization;

namespace Ctg.Web;

/// <summary>The application's wiring, kept out of Program.cs: Kestrel on one HTTP/1.1 port, the OIDC
/// backend-for-frontend session, the gRPC clients, Razor Pages with anti-forgery, French culture.</summary>
public static class WebApp
{
    public static WebApplicationBuilder AddCtgWeb(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Parse(options.Host), options.Port));
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddCtgAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddServiceClients(builder.Configuration);
        builder.Services.AddRazorPages(pages =>
        {
            // Every page needs a signed-in user unless it says otherwise (the home page, errors, sign-in).
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Index");
            pages.Conventions.AllowAnonymousToFolder("/Erreur");
            pages.Conventions.AllowAnonymousToPage("/Connexion");
            pages.Conventions.AuthorizeFolder("/Gestionnaire", WebPolicies.StructureManager);
            pages.Conventions.AuthorizeFolder("/Financier", WebPolicies.CafStaff);
            pages.Conventions.AuthorizeFolder("/Administration", WebPolicies.Administrator);
        }).AddMvcOptions(mvc =>
        {
            // Anti-forgery on every POST, whether or not the page remembers to ask.
            mvc.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        builder.Services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "ctg.af";
            a.Cookie.HttpOnly = true;
            a.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    public static WebApplication UseCtgWeb(this WebApplication app)
    {
        var french = new CultureInfo("fr-FR");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(french),
            SupportedCultures = [french],
            SupportedUICultures = [french],
        });
        app.UseExceptionHandler("/Erreur");
        app.UseStatusCodePagesWithReExecute("/Erreur/{0}");
        app.Use(SecurityHeaders.AddAsync);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AccessTokenMiddleware>();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ProviderReadiness.CheckAsync);
        return app;
    }
}
