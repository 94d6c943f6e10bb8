namespace EdgeAI.Llm.Fallback;

/// <summary>What a user message asks the template responder for, picked by keywords.</summary>
internal enum ResponderIntent
{
    /// <summary>Nothing recognised: say what the assistant can tell.</summary>
    Help,

    /// <summary>A greeting.</summary>
    Greeting,

    /// <summary>Battery, charge, range: get_range.</summary>
    Range,

    /// <summary>Temperature, climate, air conditioning: get_cabin_climate.</summary>
    Climate,

    /// <summary>Speed, gear, doors: get_vehicle_state.</summary>
    VehicleState,

    /// <summary>Where the car is: get_location.</summary>
    Location,

    /// <summary>Where to charge: find_places kind charger.</summary>
    Chargers,

    /// <summary>Where to eat, whether a restaurant is open: find_places kind restaurant.</summary>
    Restaurants,

    /// <summary>Where to park: find_places kind parking.</summary>
    Parking,

    /// <summary>The light ahead, the time to green: traffic_light.</summary>
    TrafficLight,

    /// <summary>The route to a place, the arrival: plan_route.</summary>
    Route,
}
