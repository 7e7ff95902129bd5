import Hummingbird
import Logging

/// Logs one line per HTTP request: method, route template, status and duration.
///
/// The route template (for example `/cases/{id}`) is logged instead of the request path, because
/// paths can carry ids and query strings can carry anything; bodies and headers are never
/// logged. Requests that match no route are logged with the route `NotFound`.
///
/// Requests to ``quietRoutes`` (health probes and metrics scrapes by default) are logged at
/// `debug` so that probes do not flood the log; everything else at `info`.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Route templates logged at `debug` instead of `info`.
  public var quietRoutes: Set<String>

  /// Creates the middleware; `quietRoutes` defaults to the health and metrics routes.
  public init(
    quietRoutes: Set<String> = [
      HealthRoutes.livePath, HealthRoutes.readyPath, HealthRoutes.metricsPath,
    ]
  ) {
    self.quietRoutes = quietRoutes
  }

  /// Passes the request on, then logs its outcome (also when a handler throws).
  public func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      log(request: request, context: context, status: response.status, since: start)
      return response
    } catch {
      let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
      log(request: request, context: context, status: status, since: start)
      throw error
    }
  }

  private func log(
    request: Request, context: Context, status: HTTPResponse.Status,
    since start: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let route = context.endpointPath ?? "NotFound"
    let level: Logger.Level = quietRoutes.contains(route) ? .debug : .info
    context.logger.log(
      level: level, "HTTP request",
      metadata: [
        "http.method": .string(request.method.rawValue),
        "http.route": .string(route),
        "http.status": .stringConvertible(status.code),
        "http.duration_ms": .string(String(format: milliseconds)),
      ])
  }
}

extension String {
  /// `value` with three decimals, without Foundation's locale-dependent formatting.
  fileprivate init(format value: Double) {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    self = "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
