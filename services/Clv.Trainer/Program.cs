using Clv.Hosting;
using Clv.Trainer;

var builder = WebApplication.CreateBuilder(args);
builder.AddClvDefaults();
builder.AddTrainer();

var app = builder.Build();
app.MapClvHealth();
app.Run();
