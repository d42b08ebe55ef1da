using Grpc.Core;

namespace Ctg.Cli.Errors;

/// <summary>Runs one gRPC call and, when it fails, says in French which service refused what.</summary>
public static class ServiceCall
{
    public const string Signatories = "service des signataires";
    public const string Structures = "service des structures";
    public const string Funding = "service des financements";
    public const string Reporting = "service de restitution";

    public static async Task<T> RunAsync<T>(string serviceFrenchName, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException exception)
        {
            throw RpcErrorTranslator.Translate(exception, serviceFrenchName);
        }
    }

    public static Task<T> RunAsync<T>(string serviceFrenchName, Func<AsyncUnaryCall<T>> call) =>
        RunAsync(serviceFrenchName, async () => await call());
}
