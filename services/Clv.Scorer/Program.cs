using Clv.Hosting;
using Clv.Scorer;

var builder = WebApplication.CreateBuilder(args);
builder.AddClvDefaults();
builder.AddScorer();

var app = builder.Build();
app.MapClvHealth();
app.Run();
