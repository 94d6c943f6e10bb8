using System.Globalization;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Restaurants;

/// <summary>
/// Suggests places to eat along the trip: open when the car gets there and for at least
/// <see cref="RestaurantRequest.MinOpen"/> after, within the price the driver accepts and the longest detour, ranked.
/// </summary>
/// <remarks>
/// <para>Opening hours are OSM <c>opening_hours</c> evaluated with <see cref="OpeningHoursRule"/> and the region's public
/// holidays; a place without opening hours, or with hours that cannot be read, is never suggested (never guessed open).</para>
/// <para>Score, in minutes, lower is better: the detour minutes − 5 when the cuisine is one the driver likes − 3 × (rating
/// − 3.5) (a place without a rating counts as 3.5). Ties go to the lower POI id.</para>
/// </remarks>
public sealed class RestaurantAdvisor
{
    private readonly List<(Poi Poi, OpeningHoursRule? Rule)> _places = [];
    private readonly IHolidayCalendar _holidays;

    /// <summary>An advisor over the places to eat among <paramref name="pois"/>.</summary>
    /// <param name="pois">POIs; those with <see cref="Poi.Food"/> are used.</param>
    /// <param name="holidays">Public holidays for <c>PH</c> (default Berlin).</param>
    public RestaurantAdvisor(IEnumerable<Poi> pois, IHolidayCalendar? holidays = null)
    {
        foreach (var p in pois)
            if (p.Food is { } food)
                _places.Add((p, food.OpeningHours is not null && OpeningHoursRule.TryParse(food.OpeningHours, out var rule, out _) ? rule : null));
        _holidays = holidays ?? PublicHolidays.Berlin;
    }

    /// <summary>The places for a request: those that fit ranked, those within the detour that do not with the reason.</summary>
    public RestaurantAdvice Advise(RestaurantRequest request)
    {
        var candidates = new List<RestaurantCandidate>();
        var rejected = new List<RestaurantRejection>();
        var inv = CultureInfo.InvariantCulture;
        foreach (var (poi, rule) in _places)
        {
            var food = poi.Food!;
            if (poi.Kind == PoiKind.Cafe && !request.IncludeCafes) continue;
            if (request.Detours.Estimate(poi.Position) is not { } detour) continue;
            double detourMinutes = detour.ExtraSeconds / 60;
            if (detourMinutes > request.MaxDetourMinutes) continue;
            var arrival = request.Now.AddSeconds(detour.ReachSeconds);
            string? reason = null;
            DateTime? until = null;
            if (food.PriceLevel > request.Profile.MaxPriceLevel)
                reason = $"price level {food.PriceLevel} is above your {request.Profile.MaxPriceLevel}";
            else if (food.OpeningHours is null) reason = "opening hours unknown";
            else if (rule is null) reason = $"opening hours not understood ({food.OpeningHours})";
            else if (rule.StateAt(arrival, _holidays) != OpeningState.Open)
                reason = string.Create(inv, $"closed at {arrival:HH:mm} when you get there{HolidayNote(arrival)} ({food.OpeningHours})");
            else
            {
                until = rule.NextChange(arrival, _holidays, horizonDays: 8);
                if (!rule.IsOpenThrough(arrival, request.MinOpen, _holidays))
                    reason = string.Create(inv, $"closes at {until:HH:mm}, {(until - arrival)?.TotalMinutes:F0} min after you get there at {arrival:HH:mm} (needs {request.MinOpen.TotalMinutes:F0})");
            }
            if (reason is not null)
            {
                rejected.Add(new RestaurantRejection(poi, $"{poi.Name}: {reason}"));
                continue;
            }
            bool liked = Contains(request.Profile.LikedCuisines, food.Cuisine);
            double score = detourMinutes - (liked ? 5 : 0) - 3 * ((food.Rating ?? 3.5) - 3.5);
            candidates.Add(new RestaurantCandidate(poi, arrival, detourMinutes, until, score, Explain(poi, food, liked, detourMinutes, arrival, until)));
        }
        candidates.Sort((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Poi.Id, b.Poi.Id));
        return new RestaurantAdvice(candidates, rejected);
    }

    private string HolidayNote(DateTime at) => _holidays.IsPublicHoliday(DateOnly.FromDateTime(at)) ? ", a public holiday" : "";

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list) if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static string Explain(Poi poi, FoodInfo food, bool liked, double detourMinutes, DateTime arrival, DateTime? until)
    {
        var inv = CultureInfo.InvariantCulture;
        string rating = food.Rating is { } r ? string.Create(inv, $", rated {r:F1}") : "";
        string open = until is { } u ? string.Create(inv, $", open until {u:HH:mm}{(u.Date != arrival.Date ? " (next day)" : "")}") : ", open";
        return string.Create(inv,
            $"{poi.Name}: {food.Cuisine.Replace('_', ' ')}{(liked ? " (you like it)" : "")}, {new string('€', food.PriceLevel)}{rating}, +{Math.Round(detourMinutes):F0} min detour, there at {arrival:HH:mm}{open}");
    }
}
