using Ctg.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCtgWeb();
var app = builder.Build();
app.UseCtgWeb();
app.Run();
