namespace EdgeAI.Sensors;

/// <summary>A status LED (e.g. "listening" next to the push-to-talk button): a GPIO line or a simulated one.</summary>
public interface IStatusLed : IDisposable
{
    /// <summary>The LED's configured name.</summary>
    string Name { get; }

    /// <summary>What it is set to show.</summary>
    StatusLedMode Mode { get; }

    /// <summary>Whether it is lit right now (toggles while blinking).</summary>
    bool IsLit { get; }

    /// <summary>Lights it steadily.</summary>
    void On();

    /// <summary>Turns it off.</summary>
    void Off();

    /// <summary>Blinks it: lit for half of <paramref name="period"/>, dark for the other half, starting lit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    void Blink(TimeSpan period);
}
