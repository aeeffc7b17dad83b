using System.Text.Json.Serialization;
using Clv.Contracts.Alerts;
using Clv.Contracts.ModelLifecycle;
using Clv.Contracts.Scores;
using Clv.Contracts.Transactions;

namespace Clv.Contracts.Json;

/// <summary>Source-generated JSON metadata of every contract: snake_case names, enums as lower-case strings, timestamps in UTC.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(UtcTimestampConverter),
        typeof(SnakeCaseEnumConverter<TransactionKind>),
        typeof(SnakeCaseEnumConverter<ScoreCause>),
        typeof(SnakeCaseEnumConverter<AlertCause>),
        typeof(SnakeCaseEnumConverter<AlertTrigger>),
        typeof(SnakeCaseEnumConverter<AlertSeverity>),
    ])]
[JsonSerializable(typeof(TransactionEvent))]
[JsonSerializable(typeof(SequencedTransaction))]
[JsonSerializable(typeof(ClvUpdate))]
[JsonSerializable(typeof(ChurnAlert))]
[JsonSerializable(typeof(ModelPublished))]
[JsonSerializable(typeof(ModelActivated))]
[JsonSerializable(typeof(ModelRejected))]
[JsonSerializable(typeof(RetrainRequested))]
[JsonSerializable(typeof(RollbackRequested))]
public sealed partial class ClvJsonContext : JsonSerializerContext;
