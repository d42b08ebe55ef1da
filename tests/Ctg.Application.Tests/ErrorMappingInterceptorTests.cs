using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ctg.Application.Tests;

/// <summary>The one interceptor: each domain error becomes exactly the status RpcErrors builds; statuses
/// pass through; transient database errors are UNAVAILABLE; anything else INTERNAL without its text.</summary>
public sealed class ErrorMappingInterceptorTests
{
    private static readonly FieldViolation[] Two = [new("territory.communes[2].insee_code", "must be 5 characters"), new("name", "is required")];

    private static async Task<RpcException> MapAsync(Exception thrown, CancellationToken cancellationToken = default)
    {
        var interceptor = new ErrorMappingInterceptor(NullLogger<ErrorMappingInterceptor>.Instance);
        return await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<Empty, Empty>(
            new Empty(), new TestCallContext(cancellationToken: cancellationToken), (_, _) => throw thrown));
    }

    private static (StatusCode, string, string) Seen(RpcException exception) =>
        (exception.StatusCode, exception.Status.Detail, string.Join(" | ", exception.FieldViolations().Select(v => v.Field + ": " + v.Description)));

    public static TheoryData<string, StatusCode> Kinds => new()
    {
        { "not_found", StatusCode.NotFound },
        { "conflict", StatusCode.Aborted },
        { "already_exists", StatusCode.AlreadyExists },
        { "rule_violation", StatusCode.InvalidArgument },
        { "precondition_failed", StatusCode.FailedPrecondition },
        { "upstream_unavailable", StatusCode.Unavailable },
        { "access_denied", StatusCode.PermissionDenied },
        { "limit_exceeded", StatusCode.ResourceExhausted },
    };

    private static DomainError Error(string kind) => kind switch
    {
        "not_found" => new NotFoundError("Convention ctg-39 not found."),
        "conflict" => new ConflictError("Convention ctg-39 is at version 4, not 3."),
        "already_exists" => new AlreadyExistsError("Convention ctg-39 exists.", Two),
        "rule_violation" => new RuleViolationError("The request has invalid fields.", Two),
        "precondition_failed" => new PreconditionFailedError("The convention is signed.", Two),
        "upstream_unavailable" => new UpstreamUnavailableError("The structures service did not answer."),
        "access_denied" => new AccessDeniedError("The requester of a run cannot approve it."),
        "limit_exceeded" => new LimitExceededError("The import is larger than 64 bytes; nothing was imported."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_domain_error_has_its_status_code_message_and_violations(string kind, StatusCode expected)
    {
        var error = Error(kind);
        var mapped = await MapAsync(error);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(expected, mapped.StatusCode);
        Assert.Equal(error.Message, mapped.Status.Detail);
        Assert.Equal(string.Join(" | ", error.Violations.Select(v => v.Field + ": " + v.Description)), Seen(mapped).Item3);
    }

    [Fact]
    public async Task A_rule_violation_reaches_the_client_exactly_as_RpcErrors_builds_it()
    {
        var mapped = await MapAsync(new RuleViolationError("The request has invalid fields.", Two));
        var legacy = RpcErrors.InvalidArgument("The request has invalid fields.",
            ("territory.communes[2].insee_code", "must be 5 characters"), ("name", "is required"));

        Assert.Equal(Seen(legacy), Seen(mapped));
        Assert.Equal(legacy.Trailers.GetValueBytes("grpc-status-details-bin"), mapped.Trailers.GetValueBytes("grpc-status-details-bin"));
    }

    [Fact]
    public async Task A_precondition_without_violations_carries_no_details()
    {
        var mapped = await MapAsync(new PreconditionFailedError("The convention is signed."));

        Assert.Equal((StatusCode.FailedPrecondition, "The convention is signed.", ""), Seen(mapped));
    }

    [Fact]
    public async Task An_RpcException_passes_through_untouched()
    {
        var thrown = RpcErrors.NotFound("Structure str-1 not found.");

        Assert.Same(thrown, await MapAsync(thrown));
    }

    public static TheoryData<Exception> TransientDatabaseErrors => new()
    {
        new SqliteException("database is locked", 5),
        new SqliteException("database table is locked", 6),
        new SqliteException("database is locked (busy recovery)", 5 | (1 << 8)),
        new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"),
        new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new NpgsqlException("Exception while reading from stream", new System.IO.EndOfStreamException()),
        new InvalidOperationException("wrapped", new SqliteException("database is locked", 5)),
    };

    [Theory]
    [MemberData(nameof(TransientDatabaseErrors))]
    public async Task A_transient_database_error_is_unavailable(Exception thrown)
    {
        Assert.Equal((StatusCode.Unavailable, ErrorMappingInterceptor.DatabaseUnavailableMessage, ""), Seen(await MapAsync(thrown)));
    }

    public static TheoryData<Exception> Failures => new()
    {
        new InvalidOperationException("secret connection string Password=x"),
        new SqliteException("UNIQUE constraint failed: widgets.widget_id", 19, 2067),
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new OperationCanceledException("not the client's cancellation"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Anything_else_is_internal_without_its_text(Exception thrown)
    {
        Assert.Equal((StatusCode.Internal, ErrorMappingInterceptor.InternalMessage, ""), Seen(await MapAsync(thrown)));
    }

    [Fact]
    public async Task The_clients_own_cancellation_is_not_turned_into_an_error()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var interceptor = new ErrorMappingInterceptor(NullLogger<ErrorMappingInterceptor>.Instance);

        await Assert.ThrowsAsync<OperationCanceledException>(() => interceptor.UnaryServerHandler<Empty, Empty>(
            new Empty(), new TestCallContext(cancellationToken: cancelled.Token), (_, _) => throw new OperationCanceledException(cancelled.Token)));
    }
}
