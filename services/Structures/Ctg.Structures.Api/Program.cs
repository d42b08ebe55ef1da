using Ctg.Structures.Shared;

using Ctg.ServiceDefaults;
using Ctg.Structures;

var app = StructuresApp.Build(args);
return await app.RunServiceAsync(args);
