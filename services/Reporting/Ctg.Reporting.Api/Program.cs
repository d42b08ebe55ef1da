
using Ctg.Reporting;
using Ctg.ServiceDefaults;

var app = ReportingApp.Build(args);
return await app.RunServiceAsync(args);
