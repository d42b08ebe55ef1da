using Ctg.ServiceDefaults;
using Ctg.Signatories;

var app = SignatoriesApp.Build(args);
return await app.RunServiceAsync(args);
