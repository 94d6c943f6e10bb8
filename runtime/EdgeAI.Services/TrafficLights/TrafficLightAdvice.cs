namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// What the car should know about the light ahead at one moment, after the display rules of production traffic-light
/// information systems (<see cref="TrafficLightAdvisor"/>).
/// </summary>
/// <param name="Ahead">The signal, approach, manoeuvre and distance.</param>
/// <param name="Prediction">The predictor's view of the group (state, time to green and to red, confidence).</param>
/// <param name="ShowCountdown">Show the time to green: stopped at a red with more than 4 s to wait.</param>
/// <param name="GlosaMinKph">Lowest speed of the green-light speed band, km/h; null when no band is given.</param>
/// <param name="GlosaMaxKph">Highest speed of the band (never above the limit), km/h.</param>
/// <param name="RedLightWarning">The car can neither stop comfortably before the line nor pass it before red.</param>
/// <param name="Message">One line for the driver, or null when nothing should be said.</param>
public sealed record TrafficLightAdvice(SignalAhead Ahead, SignalPrediction Prediction, bool ShowCountdown, double? GlosaMinKph, double? GlosaMaxKph, bool RedLightWarning, string? Message);
