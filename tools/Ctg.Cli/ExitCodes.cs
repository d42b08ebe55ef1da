namespace Ctg.Cli;

/// <summary>What a script calling ctg can rely on; listed in French in <c>ctg --help</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int Validation = 2;
    public const int ServiceUnavailable = 3;
    public const int NotFound = 4;
    public const int PreconditionFailed = 5;
    public const int Internal = 10;

    public const string FrenchHelp =
        "Codes de sortie : 0 succès ; 1 erreur d'utilisation (commande ou option invalide) ; " +
        "2 données refusées (erreur de validation) ; 3 service indisponible ; 4 élément introuvable ; " +
        "5 condition préalable non remplie (par exemple convention non signée) ; 10 erreur interne.";
}
