namespace Clv.Model.Persistence;

/// <summary>A weights file that cannot be loaded; the message says what is wrong with it.</summary>
public sealed class InvalidModelFileException : Exception
{
    public InvalidModelFileException(string message)
        : base(message)
    {
    }

    public InvalidModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
