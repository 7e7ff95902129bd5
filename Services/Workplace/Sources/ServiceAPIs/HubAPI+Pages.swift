import AsyncHTTPClient
import Foundation
import NIOCore
import ServiceRuntime

extension HubAPI {
  /// `GET path?query` on `service` for an HTML page (reporting's printable figures), as the
  /// holder of `token`: the browser cannot send the bearer token, so the workplace fetches the
  /// page and shows it. A JSON answer (a refusal, or the problems of a 400) comes back as
  /// `answer.body`; an HTML one as `html`.
  func getPage(
    _ service: Service, _ path: String, query: [(String, String)] = [], token: String
  ) async throws -> (answer: APIAnswer, html: String?) {
    var request = HTTPClientRequest(url: base(of: service) + path + Self.queryText(query))
    request.method = .GET
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Accept", value: "text/html, application/json;q=0.5")
    let response: HTTPClientResponse
    do {
      response = try await http.execute(request, timeout: Self.timeout)
    } catch {
      logger.warning(
        "service did not answer", metadata: ["service": "\(service.rawValue)", "method": "GET"])
      throw ServiceUnavailable(service: service)
    }
    let bytes = try await response.body.collect(upTo: Self.maximumAnswer)
    let status = Int(response.status.code)
    let type = response.headers.first(name: "Content-Type") ?? ""
    if type.lowercased().hasPrefix("text/html") {
      return (APIAnswer(status: status, body: nil), String(buffer: bytes))
    }
    let json =
      bytes.readableBytes == 0
      ? nil : try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes))
    return (APIAnswer(status: status, body: json), nil)
  }
}
