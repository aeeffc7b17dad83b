namespace Clv.Contracts.Validation;

/// <summary>Why a transaction was refused. Stable names: they travel in the dead-letter header.</summary>
public enum RejectionReason
{
    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>The bytes are not well-formed JSON (or carry content after the object).</summary>
    InvalidJson,

    /// <summary>Well-formed JSON whose root is not an object.</summary>
    NotAnObject,

    /// <summary>The message is larger than the configured maximum.</summary>
    MessageTooLarge,

    /// <summary>A field appears twice; which value was meant is ambiguous.</summary>
    DuplicateField,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type (a string where a number belongs, null for a required field...).</summary>
    WrongType,

    /// <summary>An id or text field is empty or only white space.</summary>
    EmptyValue,

    /// <summary>An id or text field is longer than the configured maximum.</summary>
    ValueTooLong,

    /// <summary>The amount is NaN or infinite (as a number out of range, or as the strings "NaN", "Infinity").</summary>
    AmountNotFinite,

    /// <summary>The amount is negative; a refund is <c>kind: refund</c> with a positive amount.</summary>
    NegativeAmount,

    /// <summary>The kind is not one of the known kinds.</summary>
    UnknownKind,

    /// <summary>The schema version is not one this reader knows.</summary>
    UnknownSchemaVersion,

    /// <summary>The currency is not a three-letter upper-case ISO 4217 code.</summary>
    InvalidCurrency,

    /// <summary>The timestamp is not ISO-8601 with an explicit offset (<c>Z</c> or <c>+hh:mm</c>).</summary>
    InvalidTimestamp,

    /// <summary>The timestamp lies further in the future than the configured tolerance.</summary>
    TimestampInFuture,

    /// <summary>The amount lies outside the configured range (Validation:MinAmount, Validation:MaxAmount).</summary>
    AmountOutOfRange,

    /// <summary>The timestamp lies before the configured earliest event time (Validation:EarliestEventTime).</summary>
    TimestampTooEarly,

    /// <summary>An id holds a character the configured charset does not allow (by default: a control character).</summary>
    InvalidCharacters,

    /// <summary>The Kafka message has no key (or an empty one); the customer id is the key.</summary>
    MissingKey,

    /// <summary>The Kafka key differs from the body's customer id: the message was partitioned under another customer.</summary>
    KeyMismatch,

    /// <summary>An event id already applied for this customer came again with a different body.</summary>
    ConflictingDuplicate,

    /// <summary>
    /// The customer's events came on more partitions of the topic than its window names (255): the window records
    /// each event's partition in one byte. Only a topic of more than 255 partitions, with one key sent to 256 of
    /// them, meets it.
    /// </summary>
    CustomerPartitionLimit,
}
