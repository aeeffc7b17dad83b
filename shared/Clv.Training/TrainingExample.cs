namespace Clv.Training;

/// <summary>
/// One cutoff of one customer: the heads see the LSTM state after window step <see cref="Step"/>
/// with the encoded recency and BG/NBD's encoded P(alive) and purchase rate as of the cutoff
/// (<see cref="Clv.Model.Features.FeatureEncoder.BgNbdInputs"/>), and learn the labels of the <see cref="HorizonDays"/> after the cutoff.
/// </summary>
internal readonly record struct TrainingExample(
    int Step, float Recency, float LogitAlive, float LogRate, int HorizonDays, bool Churned, double Spend, double Clv);
