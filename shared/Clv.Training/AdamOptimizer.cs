using System.Numerics.Tensors;

namespace Clv.Training;

/// <summary>Adam (Kingma &amp; Ba 2015) with bias correction, over the flat parameter vector.</summary>
internal sealed class AdamOptimizer(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly float[] _firstMoment = new float[parameterCount];
    private readonly float[] _secondMoment = new float[parameterCount];
    private int _steps;

    public void Step(float[] parameters, float[] gradient)
    {
        _steps++;
        var correction1 = 1 - Math.Pow(beta1, _steps);
        var correction2 = 1 - Math.Pow(beta2, _steps);
        var stepSize = learningRate * Math.Sqrt(correction2) / correction1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            _firstMoment[i] = (float)(beta1 * _firstMoment[i] + (1 - beta1) * g);
            _secondMoment[i] = (float)(beta2 * _secondMoment[i] + (1 - beta2) * g * g);
            parameters[i] -= (float)(stepSize * _firstMoment[i] / (Math.Sqrt(_secondMoment[i]) + epsilon));
        }
    }

    /// <summary>Rescales the gradient so its L2 norm is at most <paramref name="maxNorm"/>.</summary>
    public static void ClipByGlobalNorm(float[] gradient, double maxNorm)
    {
        var norm = TensorPrimitives.Norm(gradient);
        if (norm > maxNorm)
        {
            TensorPrimitives.Multiply(gradient, (float)(maxNorm / norm), gradient);
        }
    }
}
