import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceRuntime

/// The five services' HTTP APIs as the workplace calls them: always with the signed-in
/// person's own access token, so each service applies its own access rules and writes its
/// own audit entries exactly as for any other caller.
public struct HubAPI: Sendable {
  /// A service whose API the workplace calls.
  public enum Service: String, Sendable {
    case intake
    case victimContact = "victim-contact"
    case facilitatorMatching = "facilitator-matching"
    case reporting
  }

  let addresses: WorkplaceSettings.ServiceAddresses
  let http: HTTPClient
  let logger: Logger

  /// How long one call may take before the page says the service did not answer.
  static let timeout: TimeAmount = .seconds(15)
  /// The largest answer read (a case with a long journey is a few hundred kilobytes).
  static let maximumAnswer = 8 << 20

  /// An API client for the services at `addresses`.
  public init(addresses: WorkplaceSettings.ServiceAddresses, http: HTTPClient, logger: Logger) {
    self.addresses = addresses
    self.http = http
    self.logger = logger
  }

  /// `GET path?query` on `service` as the holder of `token`.
  func get(
    _ service: Service, _ path: String, query: [(String, String)] = [], token: String
  ) async throws -> APIAnswer {
    try await call(service, .GET, path + Self.queryText(query), body: nil, token: token)
  }

  /// `POST path` on `service` with `body` as JSON, as the holder of `token`.
  func post(_ service: Service, _ path: String, body: JSONValue, token: String) async throws
    -> APIAnswer
  {
    try await call(service, .POST, path, body: body, token: token)
  }

  /// `PUT path` on `service` with `body` as JSON, as the holder of `token`.
  func put(_ service: Service, _ path: String, body: JSONValue, token: String) async throws
    -> APIAnswer
  {
    try await call(service, .PUT, path, body: body, token: token)
  }

  private func call(
    _ service: Service, _ method: HTTPMethod, _ target: String, body: JSONValue?, token: String
  ) async throws -> APIAnswer {
    var request = HTTPClientRequest(url: base(of: service) + target)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Accept", value: "application/json")
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
    }
    let response: HTTPClientResponse
    do {
      response = try await http.execute(request, timeout: Self.timeout)
    } catch {
      logger.warning(
        "service did not answer",
        metadata: ["service": "\(service.rawValue)", "method": "\(method.rawValue)"])
      throw ServiceUnavailable(service: service)
    }
    let bytes = try await response.body.collect(upTo: Self.maximumAnswer)
    let json =
      bytes.readableBytes == 0
      ? nil : try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes))
    return APIAnswer(status: Int(response.status.code), body: json)
  }

  func base(of service: Service) -> String {
    switch service {
    case .intake: addresses.intake
    case .victimContact: addresses.victimContact
    case .facilitatorMatching: addresses.facilitatorMatching
    case .reporting: addresses.reporting
    }
  }

  /// `?a=b&c=d`, each part percent-encoded; empty when there is no parameter.
  static func queryText(_ query: [(String, String)]) -> String {
    guard !query.isEmpty else { return "" }
    return "?"
      + query.map { "\(PercentEncoding.component($0.0))=\(PercentEncoding.component($0.1))" }
      .joined(separator: "&")
  }
}

/// A service's answer: its status and JSON body.
struct APIAnswer: Sendable {
  /// The HTTP status.
  var status: Int
  /// The JSON body, when there was one.
  var body: JSONValue?

  /// Whether the call succeeded (2xx).
  var succeeded: Bool { (200..<300).contains(status) }

  /// The problems a 400, 409 or 422 named: each with the JSON pointer of the field it is about.
  var problems: [APIProblem] {
    (body?["errors"]?.arrayValue ?? []).map {
      APIProblem(
        path: $0["path"]?.stringValue ?? $0["field"]?.stringValue ?? "",
        code: $0["code"]?.stringValue ?? "",
        message: $0["message"]?.stringValue ?? "")
    }
  }

  /// The message of a 401/403/404 (Hummingbird's `{"error": {"message": …}}`), if any.
  var refusal: String? {
    body?["error"]?["message"]?.stringValue ?? body?["message"]?.stringValue
  }
}

/// One problem a service found with a request.
struct APIProblem: Sendable, Equatable {
  /// The JSON pointer of the field (`/channel`), or empty for the whole request.
  var path: String
  /// The service's code for it (`required`, `invalid-value`, a rule's name …).
  var code: String
  /// What is wrong, in words a person can act on.
  var message: String
}

/// A service that did not answer in time or refused the connection.
struct ServiceUnavailable: Error, Sendable {
  var service: HubAPI.Service
}

/// Percent-encoding for URL parts.
enum PercentEncoding {
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  /// `text` safe as a query name or value, or a path segment.
  static func component(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }
}
