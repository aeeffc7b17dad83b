using Clv.Api;
using Clv.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddClvDefaults();
builder.AddClvApi();

var app = builder.Build();
app.MapClvHealth();
app.MapClvApi();
app.Run();
