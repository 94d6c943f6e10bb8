namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// What <see cref="TimeToGreenPredictor"/> expects of one signal group, in seconds from the moment asked.
/// </summary>
/// <param name="SignalGroup">The group.</param>
/// <param name="State">What it shows now (per the latest message).</param>
/// <param name="TimeToGreenS">Until it turns green; 0 when green now; NaN when the sequence is not known yet.</param>
/// <param name="TimeToRedS">Until it turns red (stop-And-Remain): after the green and its clearance; 0 when red now; NaN when unknown.</param>
/// <param name="GreenEndS">When the current (or else the next) green ends; NaN when unknown.</param>
/// <param name="Confidence">0..1: the share of past phases of this group that ended within ±1.5 s of the prediction
/// (1 when the message's min and max end agree); low with little history.</param>
public sealed record SignalPrediction(int SignalGroup, MovementPhaseState State, double TimeToGreenS, double TimeToRedS, double GreenEndS, double Confidence);
