namespace Clv.TestInfrastructure.Reference;

/// <summary>One LSTM step, gate blocks i, f, g, o, written from docs/model.md ("LSTM step").</summary>
public static class ReferenceLstmStep
{
    public static (double[] H, double[] C) Step(ReferenceWeights weights, double[] x, double[] h, double[] c)
    {
        var size = weights.Hidden;
        var a = new double[4 * size];
        for (var n = 0; n < 4 * size; n++)
        {
            var sum = weights.B[n];
            for (var p = 0; p < weights.Inputs; p++)
            {
                sum += x[p] * weights.W[p, n];
            }

            for (var q = 0; q < size; q++)
            {
                sum += h[q] * weights.U[q, n];
            }

            a[n] = sum;
        }

        var nextH = new double[size];
        var nextC = new double[size];
        for (var j = 0; j < size; j++)
        {
            var input = Sigmoid(a[j]);
            var forget = Sigmoid(a[size + j]);
            var candidate = Math.Tanh(a[(2 * size) + j]);
            var output = Sigmoid(a[(3 * size) + j]);
            nextC[j] = (forget * c[j]) + (input * candidate);
            nextH[j] = output * Math.Tanh(nextC[j]);
        }

        return (nextH, nextC);
    }

    public static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
