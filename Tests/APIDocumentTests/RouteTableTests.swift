import Testing

/// Every route each service serves is in its OpenAPI document and every operation the document
/// describes is served: the router's own table, built as the process builds it, against the
/// document's paths, so that neither can drift from the other.
@Suite("route tables and OpenAPI documents")
struct RouteTableTests {
  @Test(
    "every route of every HTTP service is in its OpenAPI document, and nothing else is",
    arguments: ServiceRouteTables.services)
  func everyRouteIsInItsServicesOpenAPIDocument(_ service: String) throws {
    let served = try ServiceRouteTables.definition(service).routeTable()
    let documented = try OpenAPIDocument.read(service).operations
    #expect(
      Set(served).subtracting(documented).sorted() == [],
      "served by \(service) but missing from docs/openapi/\(service).yaml")
    #expect(
      Set(documented).subtracting(served).sorted() == [],
      "in docs/openapi/\(service).yaml but not served by \(service)")
    #expect(served.count == Set(served).count, "\(service) registers a route twice")
  }

  @Test("the platform's health and metrics routes are in every service's table")
  func platformRoutesServedEverywhere() throws {
    for service in ServiceRouteTables.services {
      let served = try ServiceRouteTables.definition(service).routeTable()
      #expect(
        Set(["GET /health/live", "GET /health/ready", "GET /metrics"]).isSubset(of: served),
        "\(service)")
    }
  }
}
