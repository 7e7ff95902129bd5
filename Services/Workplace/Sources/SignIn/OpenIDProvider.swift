import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The hub's identity provider as the workplace uses it: OpenID Connect's authorization code
/// flow with PKCE (S256), the client authenticated with its secret (`client_secret_basic`).
///
/// The provider's endpoints come from its discovery document, read on first use and kept; the
/// document's `issuer` must be the configured one (OpenID Connect Discovery 4.3).
public final class OpenIDProvider: Sendable {
  let issuer: String
  let clientID: String
  let clientSecret: String
  let http: HTTPClient
  let logger: Logger
  private let discovered = Mutex<ProviderEndpoints?>(nil)

  /// A client of the provider `issuer`, signing in as `clientID`.
  public init(
    issuer: String, clientID: String, clientSecret: String, http: HTTPClient, logger: Logger
  ) {
    self.issuer = issuer
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.http = http
    self.logger = logger
  }

  /// Where to send the browser to sign in for `pending`, coming back to `redirectURI`.
  func authorizationURL(for pending: PendingSignIn, redirectURI: String) async throws -> String {
    let endpoints = try await endpoints()
    let query: [(String, String)] = [
      ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
      ("scope", "openid profile"), ("state", pending.state), ("nonce", pending.nonce),
      ("code_challenge", SessionSecrets.challenge(of: pending.codeVerifier)),
      ("code_challenge_method", "S256"),
    ]
    let separator = endpoints.authorization.contains("?") ? "&" : "?"
    return endpoints.authorization + separator + HubAPI.queryText(query).dropFirst()
  }

  /// Exchanges the authorization `code` (with the sign-in's PKCE verifier) for tokens.
  /// - Throws: ``SignInFailure`` when the provider refuses or answers something unusable.
  func exchange(code: String, verifier: String, redirectURI: String) async throws
    -> ProviderTokens
  {
    let endpoints = try await endpoints()
    var request = HTTPClientRequest(url: endpoints.token)
    request.method = .POST
    let credentials = Data(
      "\(FormEncoding.component(clientID)):\(FormEncoding.component(clientSecret))".utf8)
    request.headers.add(name: "Authorization", value: "Basic \(credentials.base64EncodedString())")
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.headers.add(name: "Accept", value: "application/json")
    let form = [
      ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
      ("code_verifier", verifier), ("client_id", clientID),
    ].map { "\(FormEncoding.component($0.0))=\(FormEncoding.component($0.1))" }
      .joined(separator: "&")
    request.body = .bytes(ByteBuffer(string: form))
    let response: HTTPClientResponse
    do {
      response = try await http.execute(request, timeout: .seconds(15))
    } catch {
      throw SignInFailure.providerUnavailable
    }
    let body = try await response.body.collect(upTo: 1 << 20)
    guard response.status == .ok else {
      logger.warning(
        "identity provider refused the code exchange",
        metadata: ["status": "\(response.status.code)"])
      throw SignInFailure.codeRefused
    }
    guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: Data(buffer: body)),
      answer.tokenType.lowercased() == "bearer", let idToken = answer.idToken
    else { throw SignInFailure.unusableAnswer }
    return ProviderTokens(
      accessToken: answer.accessToken, idToken: idToken,
      expiresAt: Date().addingTimeInterval(Double(answer.expiresIn ?? 3600)))
  }

  /// The provider's endpoints, from its discovery document (read once).
  func endpoints() async throws -> ProviderEndpoints {
    if let known = discovered.withLock({ $0 }) { return known }
    var request = HTTPClientRequest(url: issuer + "/.well-known/openid-configuration")
    request.headers.add(name: "Accept", value: "application/json")
    let document: DiscoveryDocument
    do {
      let response = try await http.execute(request, timeout: .seconds(10))
      guard response.status == .ok else { throw SignInFailure.providerUnavailable }
      let body = try await response.body.collect(upTo: 1 << 20)
      document = try JSONDecoder().decode(DiscoveryDocument.self, from: Data(buffer: body))
    } catch {
      logger.warning("identity provider's discovery document could not be read")
      throw SignInFailure.providerUnavailable
    }
    guard document.issuer == issuer else { throw SignInFailure.wrongIssuer }
    let endpoints = ProviderEndpoints(
      authorization: document.authorizationEndpoint, token: document.tokenEndpoint)
    discovered.withLock { $0 = endpoints }
    return endpoints
  }
}

/// The provider endpoints sign-in uses.
struct ProviderEndpoints: Sendable {
  var authorization: String
  var token: String
}

/// What the token endpoint returned.
struct ProviderTokens: Sendable {
  var accessToken: String
  var idToken: String
  var expiresAt: Date
}

/// Why signing in could not finish; each is a page that says what to do.
enum SignInFailure: Error, Sendable, Equatable {
  /// The provider did not answer.
  case providerUnavailable
  /// The discovery document names another issuer.
  case wrongIssuer
  /// The code was refused (used, expired, wrong verifier).
  case codeRefused
  /// The answer had no usable tokens.
  case unusableAnswer
  /// The state was unknown, used or too old, or did not match this browser's sign-in.
  case unknownSignIn
  /// The provider reported an error instead of a code.
  case providerError(String)
  /// The ID token failed a check.
  case identityRejected(String)
}

private struct DiscoveryDocument: Decodable {
  var issuer: String
  var authorizationEndpoint: String
  var tokenEndpoint: String

  enum CodingKeys: String, CodingKey {
    case issuer
    case authorizationEndpoint = "authorization_endpoint"
    case tokenEndpoint = "token_endpoint"
  }
}

private struct TokenAnswer: Decodable {
  var accessToken: String
  var idToken: String?
  var tokenType: String
  var expiresIn: Int?

  enum CodingKeys: String, CodingKey {
    case accessToken = "access_token"
    case idToken = "id_token"
    case tokenType = "token_type"
    case expiresIn = "expires_in"
  }
}

/// `application/x-www-form-urlencoded` encoding (also what HTTP Basic client credentials use,
/// RFC 6749 2.3.1).
enum FormEncoding {
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")

  /// `text` encoded as a form name or value (space as `+`).
  static func component(_ text: String) -> String {
    (text.addingPercentEncoding(withAllowedCharacters: unreserved.union(.init(charactersIn: " ")))
      ?? "").replacingOccurrences(of: " ", with: "+")
  }

  /// The fields of a form body, in order; a name given twice keeps every value.
  static func fields(of body: String) -> [(String, String)] {
    body.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let decode = { (part: Substring) -> String in
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
    }
  }
}
