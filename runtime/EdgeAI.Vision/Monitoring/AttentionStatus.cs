namespace EdgeAI.Vision.Monitoring;

/// <summary>The monitor's verdict after one observation.</summary>
/// <param name="State">Alert level.</param>
/// <param name="Awareness">1 = fully attentive, 0 = budget of attention used up.</param>
/// <param name="Cause">Why the driver counts as distracted in this observation.</param>
/// <param name="Rule">Which rule set <paramref name="State"/>.</param>
/// <param name="Suppressed">True when alerts are gated off because the vehicle is slower than the profile's minimum speed.</param>
/// <param name="GlanceSeconds">How long the current glance away has lasted (0 while watching the road).</param>
public readonly record struct AttentionStatus(AttentionState State, double Awareness, DistractionCause Cause, AttentionRule Rule,
    bool Suppressed, double GlanceSeconds);
