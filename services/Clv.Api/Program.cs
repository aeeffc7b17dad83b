using Clv.Api;
using Clv.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddClvDefaults();
builder.AddClvApi();
builder.UseThreadPoolForRedis();

var app = builder.Build();
app.MapClvHealth();
app.MapClvApi();
app.Run();
