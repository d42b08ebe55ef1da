using Ctg.Common.V1;
using Ctg.Data;
using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;
using Ctg.Testing;
using Dapper;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Signatories.Tests;

/// <summary>The service running on loopback sockets, with a client for each of its gRPC services.</summary>
public sealed class SignatoriesHarness : IAsyncDisposable
{
    private readonly ServiceUnderTest _service;
    private readonly PostgresDatabase? _database;

    private SignatoriesHarness(ServiceUnderTest service, PostgresDatabase? database)
    {
        _service = service;
        _database = database;
        Conventions = new Ctg.Signatories.V1.Conventions.ConventionsClient(service.Channel);
        Directory = new SignatoryDirectory.SignatoryDirectoryClient(service.Channel);
        Competences = new Ctg.Signatories.V1.Competences.CompetencesClient(service.Channel);
        ActionPlans = new Ctg.Signatories.V1.ActionPlans.ActionPlansClient(service.Channel);
        Governance = new Ctg.Signatories.V1.Governance.GovernanceClient(service.Channel);
        Annexes = new ConventionAnnexes.ConventionAnnexesClient(service.Channel);
    }

    public Ctg.Signatories.V1.Conventions.ConventionsClient Conventions { get; }

    public SignatoryDirectory.SignatoryDirectoryClient Directory { get; }

    public Ctg.Signatories.V1.Competences.CompetencesClient Competences { get; }

    public Ctg.Signatories.V1.ActionPlans.ActionPlansClient ActionPlans { get; }

    public Ctg.Signatories.V1.Governance.GovernanceClient Governance { get; }

    public ConventionAnnexes.ConventionAnnexesClient Annexes { get; }

    /// <summary>The clients of the service calling as <paramref name="login"/> (a demo user of the identity provider).</summary>
    public SignatoriesClients As(string login) => new(_service.ChannelAs(login));

    public static async Task<SignatoriesHarness> StartSqliteAsync() =>
        new(await ServiceUnderTest.StartAsync(SignatoriesApp.Build), null);

    public static async Task<SignatoriesHarness> StartPostgresAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        return new SignatoriesHarness(service, database);
    }

    /// <summary>The events in the service's outbox, in the order they were written.</summary>
    public async Task<IReadOnlyList<(string Topic, string Data)>> OutboxAsync()
    {
        var factory = _service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string, string)>("SELECT topic, data FROM outbox ORDER BY sequence");
        return rows.ToList();
    }

    public async Task<long> CountAsync(string table)
    {
        var factory = _service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The gRPC clients over one caller's channel.</summary>
public sealed class SignatoriesClients(global::Grpc.Net.Client.GrpcChannel channel)
{
    public Ctg.Signatories.V1.Conventions.ConventionsClient Conventions { get; } = new(channel);

    public SignatoryDirectory.SignatoryDirectoryClient Directory { get; } = new(channel);

    public Ctg.Signatories.V1.Competences.CompetencesClient Competences { get; } = new(channel);

    public Ctg.Signatories.V1.ActionPlans.ActionPlansClient ActionPlans { get; } = new(channel);

    public Ctg.Signatories.V1.Governance.GovernanceClient Governance { get; } = new(channel);

    public ConventionAnnexes.ConventionAnnexesClient Annexes { get; } = new(channel);
}

public static class D
{
    public static Date Of(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}

public static class Expect
{
    /// <summary>Runs the call, asserts the exact status code and returns the field names of its violations.</summary>
    public static async Task<IReadOnlyList<string>> StatusAsync(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"Expected {code} but got {exception.StatusCode}: {exception.Status.Detail}");
        return exception.FieldViolations().Select(v => v.Field).ToList();
    }
}
