using Ctg.Domain;

namespace Ctg.Funding.Api.Shared;

/// <summary>Domain errors from the (field, description) pairs funding's checks collect; the error-mapping interceptor
/// turns them into the same statuses and field violations clients always saw.</summary>
internal static class DomainErrors
{
    public static RuleViolationError RuleViolation(string message, params (string Field, string Description)[] violations) =>
        new(message, violations.Select(v => new FieldViolation(v.Field, v.Description)));

    public static PreconditionFailedError Precondition(string message, params (string Field, string Description)[] violations) =>
        new(message, violations.Select(v => new FieldViolation(v.Field, v.Description)));
}
