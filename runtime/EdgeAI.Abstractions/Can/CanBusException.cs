namespace EdgeAI.Can;

/// <summary>A CAN interface could not be opened or used; the message says which interface, what failed and what to do.</summary>
public sealed class CanBusException : Exception
{
    /// <summary>Creates the exception for <paramref name="interfaceName"/>; <paramref name="errno"/> is the OS error number where one exists.</summary>
    public CanBusException(string interfaceName, string message, int errno = 0, Exception? inner = null)
        : base(message, inner)
    {
        InterfaceName = interfaceName;
        ErrorNumber = errno;
    }

    /// <summary>The interface the error is about.</summary>
    public string InterfaceName { get; }

    /// <summary>The OS error number (errno), 0 when the error did not come from the OS.</summary>
    public int ErrorNumber { get; }
}
