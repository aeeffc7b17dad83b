namespace Clv.Model;

/// <summary>Which model a model file holds and a scorer serves; stored in the file (format 4 on).</summary>
public enum ModelKind
{
    /// <summary>The multi-task LSTM (<see cref="MtlLstmModel"/>).</summary>
    MtlLstm = 0,

    /// <summary>BG/NBD for purchases with Gamma-Gamma for order values (<see cref="BuyTillYouDie.BgNbdGammaGammaModel"/>).</summary>
    BgNbdGammaGamma = 1,

    /// <summary>Both, blended by weights fitted inside the training data (<see cref="Stacking.StackedLstmBgNbdModel"/>).</summary>
    StackedLstmBgNbd = 2,
}
