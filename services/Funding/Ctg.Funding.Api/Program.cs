using Ctg.Funding.Api;
using Ctg.ServiceDefaults;

var app = FundingApp.Build(args);
return await app.RunServiceAsync(args);
