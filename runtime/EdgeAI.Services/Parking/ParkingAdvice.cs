namespace EdgeAI.Services.Parking;

/// <summary>The answer to a <see cref="ParkingRequest"/>.</summary>
/// <param name="Candidates">Usable car parks, best first.</param>
/// <param name="Rejected">Car parks within walking distance that cannot be used, with the reason.</param>
public sealed record ParkingAdvice(IReadOnlyList<ParkingCandidate> Candidates, IReadOnlyList<ParkingRejection> Rejected);
