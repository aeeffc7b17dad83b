namespace Clv.Training;

/// <summary>
/// One cutoff of one customer: the heads see the LSTM state after window step <see cref="Step"/>
/// with the encoded recency, and learn the labels of the <see cref="HorizonDays"/> after the cutoff.
/// </summary>
internal readonly record struct TrainingExample(int Step, float Recency, int HorizonDays, bool Churned, double Spend, double Clv);
