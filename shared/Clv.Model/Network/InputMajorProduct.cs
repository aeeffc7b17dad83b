using System.Numerics;
using System.Runtime.InteropServices;

namespace Clv.Model.Network;

/// <summary>
/// y += Mᵀ [a, b] for an input-major matrix M (row j = weights from input j to every output) over an input
/// given in two parts, so [x, h] is one product without copying x and h together. Outputs are taken four
/// vectors at a time and held in registers across all inputs: one load and one fused multiply-add per
/// weight, no store until the block is done, where one TensorPrimitives call per input would reload and
/// store the whole output for every input.
/// </summary>
public static class InputMajorProduct
{
    public static void MultiplyAdd(ReadOnlySpan<float> matrix, ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> output)
    {
        var width = output.Length;
        var inputs = first.Length + second.Length;
        if (matrix.Length < inputs * width)
        {
            throw new ArgumentException($"A {inputs} x {width} matrix needs {inputs * width} floats; got {matrix.Length}.", nameof(matrix));
        }

        ref var m = ref MemoryMarshal.GetReference(matrix);
        ref var y = ref MemoryMarshal.GetReference(output);
        var lanes = Vector<float>.Count;
        var k = 0;
        for (; k + 4 * lanes <= width; k += 4 * lanes)
        {
            var a0 = Vector.LoadUnsafe(ref y, (nuint)k);
            var a1 = Vector.LoadUnsafe(ref y, (nuint)(k + lanes));
            var a2 = Vector.LoadUnsafe(ref y, (nuint)(k + 2 * lanes));
            var a3 = Vector.LoadUnsafe(ref y, (nuint)(k + 3 * lanes));
            for (var j = 0; j < inputs; j++)
            {
                var s = new Vector<float>(j < first.Length ? first[j] : second[j - first.Length]);
                var row = (nuint)(j * width + k);
                a0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref m, row), s, a0);
                a1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref m, row + (nuint)lanes), s, a1);
                a2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref m, row + (nuint)(2 * lanes)), s, a2);
                a3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref m, row + (nuint)(3 * lanes)), s, a3);
            }

            a0.StoreUnsafe(ref y, (nuint)k);
            a1.StoreUnsafe(ref y, (nuint)(k + lanes));
            a2.StoreUnsafe(ref y, (nuint)(k + 2 * lanes));
            a3.StoreUnsafe(ref y, (nuint)(k + 3 * lanes));
        }

        for (; k + lanes <= width; k += lanes)
        {
            var a = Vector.LoadUnsafe(ref y, (nuint)k);
            for (var j = 0; j < inputs; j++)
            {
                var s = new Vector<float>(j < first.Length ? first[j] : second[j - first.Length]);
                a = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref m, (nuint)(j * width + k)), s, a);
            }

            a.StoreUnsafe(ref y, (nuint)k);
        }

        for (; k < width; k++)
        {
            var sum = output[k];
            for (var j = 0; j < inputs; j++)
            {
                sum += matrix[j * width + k] * (j < first.Length ? first[j] : second[j - first.Length]);
            }

            output[k] = sum;
        }
    }
}
