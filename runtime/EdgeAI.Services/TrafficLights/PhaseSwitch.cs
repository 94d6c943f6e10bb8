namespace EdgeAI.Services.TrafficLights;

/// <summary>A controller entering a phase of its program.</summary>
/// <param name="Time">When, seconds on the scenario's clock.</param>
/// <param name="Phase">Index of the phase in the program.</param>
public readonly record struct PhaseSwitch(double Time, int Phase);
