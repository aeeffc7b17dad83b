namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The heads' shared layer: z = [h, recency, e1, e2] → tanh dense → the seven outputs o0 ... o6 (docs/model.md,
/// "Heads"; e1, e2 are the order-value inputs).
/// </summary>
public static class ReferenceDenseLayer
{
    public static double[] Outputs(ReferenceWeights weights, double[] h, double recencyInput, double[] orderValueInputs)
    {
        var z = new double[weights.Hidden + 3];
        Array.Copy(h, z, weights.Hidden);
        z[weights.Hidden] = recencyInput;
        z[weights.Hidden + 1] = orderValueInputs[0];
        z[weights.Hidden + 2] = orderValueInputs[1];

        var u = new double[weights.Dense];
        for (var d = 0; d < weights.Dense; d++)
        {
            var sum = weights.DenseB[d];
            for (var k = 0; k < z.Length; k++)
            {
                sum += weights.DenseW[d, k] * z[k];
            }

            u[d] = Math.Tanh(sum);
        }

        var o = new double[ReferenceWeights.Outputs];
        for (var k = 0; k < o.Length; k++)
        {
            var sum = weights.OutputB[k];
            for (var d = 0; d < weights.Dense; d++)
            {
                sum += weights.OutputW[k, d] * u[d];
            }

            o[k] = sum;
        }

        return o;
    }
}
