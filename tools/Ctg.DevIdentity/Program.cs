using Ctg.DevIdentity;

var app = DevIdentityApp.Build(args);
await app.RunAsync();
