using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// Who may use the HMI. Every request carries the token: as <c>Authorization: Bearer</c>, as the cookie a browser gets
/// by opening the one-time URL once, or (browsers cannot set headers on a WebSocket) as a WebSocket subprotocol
/// <c>edgeai.token.TOKEN</c>. The Host header must name this machine (no DNS rebinding), and a request that carries an
/// Origin (every browser WebSocket and POST) must come from the page's own origin or one allowed in the options.
/// </summary>
public sealed class HmiAccess
{
    /// <summary>The subprotocol every event-stream client asks for (the server answers with it).</summary>
    public const string Subprotocol = "edgeai.v1";

    /// <summary>The prefix of the subprotocol that carries the token.</summary>
    public const string TokenSubprotocolPrefix = "edgeai.token.";

    /// <summary>The query parameter of the one-time URL.</summary>
    public const string OneTimeParameter = "once";

    private readonly string _token;
    private readonly HashSet<string> _origins;
    private string? _oneTime;

    /// <summary>Access with <paramref name="token"/>, and <paramref name="allowedOrigins"/> besides the page's own.</summary>
    public HmiAccess(string token, IEnumerable<string> allowedOrigins)
    {
        _token = token ?? throw new ArgumentNullException(nameof(token));
        _origins = new HashSet<string>(allowedOrigins ?? [], StringComparer.OrdinalIgnoreCase);
        _oneTime = HmiToken.NewSecret();
    }

    /// <summary>The TCP port (set once bound; names the cookie, so two hosts on one machine keep theirs apart).</summary>
    public int Port { get; set; }

    /// <summary>Whether the server listens on a Unix socket (no Host check: only local processes reach it).</summary>
    public bool UnixSocket { get; set; }

    /// <summary>Whether any Host header is taken (bound to an address other than loopback, on purpose).</summary>
    public bool AnyHost { get; set; }

    /// <summary>The cookie's name.</summary>
    public string CookieName => Port == 0 ? "edgeai_hmi" : "edgeai_hmi_" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The one-time secret of the URL printed at the start (null once used).</summary>
    public string? OneTime => Volatile.Read(ref _oneTime);

    /// <summary>Checks the request; writes the refusal and returns false when it may not go on.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        var request = context.Request;
        if (!UnixSocket && !AnyHost && !IsLocalHost(request.Host))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "Unknown host",
                $"Host '{request.Host}' is not this machine", "Host 127.0.0.1, localhost or [::1] with the port").ConfigureAwait(false);
            return false;
        }
        string? origin = request.Headers.Origin;
        bool needsOrigin = context.WebSockets.IsWebSocketRequest || !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (needsOrigin && !string.IsNullOrEmpty(origin) && !IsAllowedOrigin(origin, request))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Origin refused",
                $"Origin '{origin}' may not use this HMI", $"Origin {request.Scheme}://{request.Host} (the page's own) or one of Run:ServeOrigins").ConfigureAwait(false);
            return false;
        }
        if (HttpMethods.IsGet(request.Method) && request.Query.TryGetValue(OneTimeParameter, out var once) && once.Count == 1)
        {
            string? expected = OneTime;
            if (expected is not null && HmiToken.Matches(expected, once[0]) && Interlocked.CompareExchange(ref _oneTime, null, expected) == expected)
            {
                context.Response.Cookies.Append(CookieName, _token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
                context.Response.Redirect(request.Path.HasValue ? request.Path.Value! : "/");
                return false;
            }
            await HmiProblem.WriteAsync(context, StatusCodes.Status401Unauthorized, "Link used",
                "this one-time link was used already or is not this host's", "a fresh link from the host's log, or the token from the state folder (hmi.token)").ConfigureAwait(false);
            return false;
        }
        if (HasToken(request)) return true;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"edgeai\"";
        await HmiProblem.WriteAsync(context, StatusCodes.Status401Unauthorized, "Token required",
            "no valid token on the request",
            $"Authorization: Bearer TOKEN (the state folder's {HmiToken.FileName}), the cookie set by the printed one-time URL, or WebSocket subprotocol {TokenSubprotocolPrefix}TOKEN").ConfigureAwait(false);
        return false;
    }

    private bool HasToken(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && HmiToken.Matches(_token, authorization[7..].Trim())) return true;
        if (request.Cookies.TryGetValue(CookieName, out var cookie) && HmiToken.Matches(_token, cookie)) return true;
        foreach (var value in request.Headers.SecWebSocketProtocol)
        {
            if (value is null) continue;
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (part.StartsWith(TokenSubprotocolPrefix, StringComparison.Ordinal) && HmiToken.Matches(_token, part[TokenSubprotocolPrefix.Length..])) return true;
        }
        return false;
    }

    private bool IsAllowedOrigin(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) || _origins.Contains(origin);

    private static bool IsLocalHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";
}
