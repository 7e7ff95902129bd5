import Hummingbird

/// The operational endpoints every RJ Hub service serves: liveness, readiness and metrics.
///
/// - `GET /health/live`: `200 {"status":"live"}` while the process can answer at all.
/// - `GET /health/ready`: `200` when every ``ReadinessCheck`` passes, otherwise `503`; the JSON
///   body lists each check by name as `ok` or `failing` (names only: never connection strings,
///   errors or other details).
/// - `GET /metrics`: the Prometheus text exposition of the service's registry, when one is given.
public struct HealthRoutes: Sendable {
  /// The liveness path.
  public static let livePath = "/health/live"
  /// The readiness path.
  public static let readyPath = "/health/ready"
  /// The metrics path.
  public static let metricsPath = "/metrics"
  /// The content type of the Prometheus text exposition format.
  public static let metricsContentType = "text/plain; version=0.0.4"

  /// The checks `GET /health/ready` runs, concurrently, on every request.
  public var checks: [ReadinessCheck]
  /// The metrics `GET /metrics` renders; without it the route is not registered.
  public var metrics: MetricsBootstrap?

  /// Creates the routes for `checks` and, when given, `metrics`.
  public init(checks: [ReadinessCheck] = [], metrics: MetricsBootstrap? = nil) {
    self.checks = checks
    self.metrics = metrics
  }

  /// Adds the endpoints to `router`.
  public func register<Context: RequestContext>(on router: some RouterMethods<Context>) {
    router.get(RouterPath(Self.livePath)) { _, _ in
      LivenessReport(status: "live")
    }
    let checks = self.checks
    router.get(RouterPath(Self.readyPath)) { _, _ in
      let report = await ReadinessReport.evaluate(checks)
      return EditedResponse(status: report.isReady ? .ok : .serviceUnavailable, response: report)
    }
    if let metrics {
      router.get(RouterPath(Self.metricsPath)) { _, _ in
        Response(
          status: .ok,
          headers: [.contentType: Self.metricsContentType],
          body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.renderBytes())))
      }
    }
  }
}

/// The body of `GET /health/live`.
struct LivenessReport: ResponseEncodable {
  var status: String
}

extension ReadinessReport: ResponseEncodable {}
