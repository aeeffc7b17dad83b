namespace Clv.TestInfrastructure.Reference;

/// <summary>
/// The model's flat parameter vector cut into its blocks as docs/model.md ("Weights layout") lays them out,
/// copied to doubles: W (8 × 4H), U (H × 4H), b (4H), Wd (D × (H + 3)), bd (D), Wo (7 × D), bo (7).
/// </summary>
public sealed class ReferenceWeights
{
    public const int Outputs = 7;

    public ReferenceWeights(int inputs, int hidden, int dense, IReadOnlyList<float> parameters)
    {
        Inputs = inputs;
        Hidden = hidden;
        Dense = dense;
        var next = 0;
        double[,] Matrix(int rows, int columns)
        {
            var matrix = new double[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    matrix[r, c] = parameters[next++];
                }
            }

            return matrix;
        }

        double[] Vector(int length)
        {
            var vector = new double[length];
            for (var i = 0; i < length; i++)
            {
                vector[i] = parameters[next++];
            }

            return vector;
        }

        W = Matrix(inputs, 4 * hidden);
        U = Matrix(hidden, 4 * hidden);
        B = Vector(4 * hidden);
        DenseW = Matrix(dense, hidden + 3);
        DenseB = Vector(dense);
        OutputW = Matrix(Outputs, dense);
        OutputB = Vector(Outputs);
        // What remains are the three task log-variances, which only training reads.
        if (parameters.Count != next + 3)
        {
            throw new ArgumentException($"{parameters.Count} parameters do not fit inputs {inputs}, hidden {hidden}, dense {dense}.");
        }
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Dense { get; }

    public double[,] W { get; }

    public double[,] U { get; }

    public double[] B { get; }

    public double[,] DenseW { get; }

    public double[] DenseB { get; }

    public double[,] OutputW { get; }

    public double[] OutputB { get; }
}
