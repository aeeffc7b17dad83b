using Clv.Hosting;
using Clv.Sequencer;

var builder = WebApplication.CreateBuilder(args);
builder.AddClvDefaults();
builder.AddSequencer();

var app = builder.Build();
app.MapClvHealth();
app.Run();
