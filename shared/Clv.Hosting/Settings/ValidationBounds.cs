using Clv.Contracts.Validation;
using Microsoft.Extensions.Configuration;

namespace Clv.Hosting.Settings;

/// <summary>
/// The <c>Validation</c> section (<c>Validation__*</c> variables) for code that reads events before any host exists
/// (<c>clv replay</c>, the standalone loading its data file), so it accepts exactly what the sequencer accepts.
/// </summary>
public static class ValidationBounds
{
    public static TransactionParserOptions FromEnvironment() =>
        ValidatedOptionsExtensions.ReadValidated<TransactionParserOptions>(
            new ConfigurationBuilder().AddEnvironmentVariables().Build(), TransactionParserOptions.Section, bounds => bounds.Problems());
}
