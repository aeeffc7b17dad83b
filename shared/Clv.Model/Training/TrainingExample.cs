namespace Clv.Model.Training;

/// <summary>
/// One cutoff of one customer: the heads see the LSTM state after window step <see cref="Step"/>
/// with the encoded recency and horizon, and learn the labels of the window after the cutoff.
/// </summary>
internal readonly record struct TrainingExample(int Step, float Recency, float Horizon, bool Churned, double Spend, double Clv);
