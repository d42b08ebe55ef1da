using System.Globalization;
using System.Text;
using Ctg.Cli;
using Ctg.Presentation.Formatting;

// ctg speaks French to French finance staff, whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = French.Culture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
Console.OutputEncoding = Encoding.UTF8;

return await CtgCommandLine.RunAsync(CliContext.ForTerminal(), args);
