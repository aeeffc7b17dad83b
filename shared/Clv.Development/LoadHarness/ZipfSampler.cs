namespace Clv.Development.LoadHarness;

/// <summary>
/// Draws ranks 0..n-1 with P(k) proportional to 1/(k+1)^s (Zipf): a few customers are very active, most are
/// rare, as in retail data. Inverse-CDF lookup by binary search over a precomputed table.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    public ZipfSampler(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        _cdf = new double[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++)
        {
            sum += 1 / Math.Pow(k + 1, exponent);
            _cdf[k] = sum;
        }

        for (var k = 0; k < n; k++)
        {
            _cdf[k] /= sum;
        }
    }

    public int Sample(Random random)
    {
        var index = Array.BinarySearch(_cdf, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cdf.Length - 1);
    }
}
