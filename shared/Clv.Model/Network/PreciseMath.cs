namespace Clv.Model.Network;

/// <summary>
/// ln(1 + x) and e^x - 1 accurate for small x (the framework's double.LogP1 and double.ExpM1 compute Log(1 + x)
/// and Exp(x) - 1, which lose every digit as x nears 0), by Kahan's corrections.
/// </summary>
internal static class PreciseMath
{
    public static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    public static double ExpMinusOne(double x)
    {
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var uMinusOne = u - 1;
        return uMinusOne == -1 ? -1 : uMinusOne * x / Math.Log(u);
    }
}
