using System.Threading.Channels;

namespace EdgeAI.Sensors;

/// <summary>Buttons the driver presses (push-to-talk, dismiss): GPIO lines with debounce (drivers/EdgeAI.Drivers.Gpio)
/// or a script on the virtual clock (drivers/EdgeAI.Drivers.Simulated).</summary>
public interface IButtonInput : IDisposable
{
    /// <summary>Recognised gestures, in order. The channel completes when the input is disposed.</summary>
    ChannelReader<ButtonEvent> Events { get; }

    /// <summary>Events dropped because nobody read <see cref="Events"/> and its bounded queue was full (oldest dropped first).</summary>
    long EventsDropped { get; }
}
