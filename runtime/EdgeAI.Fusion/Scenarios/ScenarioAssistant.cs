namespace EdgeAI.Fusion.Scenarios;

/// <summary>
/// A scenario's <c>assistant</c> section (docs/scenarios.md): the language of the suggestions and the occupants'
/// scripted actions. A replay cannot react by itself, so the scenario says what the occupants do.
/// </summary>
/// <param name="Language">"en" or "zh-CN" (default en).</param>
/// <param name="Occupant">The scripted actions, in time order.</param>
public sealed record ScenarioAssistant(string Language, IReadOnlyList<OccupantAction> Occupant);

/// <summary>
/// One scripted occupant action. <c>accept</c>, <c>dismiss</c> and <c>alt</c> act on the suggestion of
/// <see cref="Target"/> kind shown at <see cref="AtS"/> or, if none is shown yet, on the first one shown within
/// <see cref="WaitS"/> after it (an occupant answers what appears); <c>ask</c> asks <see cref="Target"/> as a question.
/// </summary>
/// <param name="AtS">Seconds from the start of the drive.</param>
/// <param name="Verb">accept, dismiss, alt or ask.</param>
/// <param name="Target">The suggestion kind (accept, dismiss, alt) or the question (ask).</param>
/// <param name="Alternative">For alt: the alternative's id (a POI id), else null.</param>
/// <param name="WaitS">How long an action waits for a suggestion of its kind.</param>
public sealed record OccupantAction(double AtS, string Verb, string Target, string? Alternative = null, double WaitS = 120);
