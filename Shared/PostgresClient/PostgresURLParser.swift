import Foundation

/// Splits a `postgresql://` URL into its parts (a small hand-written parser, so that passwords
/// with reserved characters behave predictably once percent-encoded).
enum PostgresURLParser {
  struct Parts {
    var host: String
    var port: Int
    var database: String
    var username: String
    var password: String
  }

  static func parse(_ url: String) throws -> Parts {
    var rest = Substring(url)
    if rest.hasPrefix("postgresql://") {
      rest = rest.dropFirst("postgresql://".count)
    } else if rest.hasPrefix("postgres://") {
      rest = rest.dropFirst("postgres://".count)
    } else {
      throw PostgresConfigurationError.invalidURL(reason: "scheme must be postgresql://")
    }
    if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      rest = rest[..<query]
    }
    let slash = rest.firstIndex(of: "/")
    let authority = slash.map { rest[..<$0] } ?? rest
    let path = slash.map { rest[rest.index(after: $0)...] } ?? ""

    var username = ""
    var password = ""
    var hostPort = authority
    if let at = authority.lastIndex(of: "@") {
      let userInfo = authority[..<at]
      hostPort = authority[authority.index(after: at)...]
      if let colon = userInfo.firstIndex(of: ":") {
        username = try decode(userInfo[..<colon], part: "user")
        password = try decode(userInfo[userInfo.index(after: colon)...], part: "password")
      } else {
        username = try decode(userInfo, part: "user")
      }
    }
    let (host, port) = try splitHostPort(hostPort)
    let database = try decode(path, part: "database")
    return Parts(
      host: host, port: port, database: database.isEmpty ? username : database,
      username: username, password: password)
  }

  private static func splitHostPort(_ text: Substring) throws -> (String, Int) {
    var hostPart = text
    var portPart: Substring = ""
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else {
        throw PostgresConfigurationError.invalidURL(reason: "unterminated IPv6 address")
      }
      hostPart = text[text.index(after: text.startIndex)..<close]
      let after = text[text.index(after: close)...]
      if after.hasPrefix(":") { portPart = after.dropFirst() }
    } else if let colon = text.lastIndex(of: ":") {
      hostPart = text[..<colon]
      portPart = text[text.index(after: colon)...]
    }
    let host = try decode(hostPart, part: "host")
    guard !host.isEmpty else { throw PostgresConfigurationError.invalidURL(reason: "missing host") }
    guard !portPart.isEmpty else { return (host, 5432) }
    guard let port = Int(portPart), (1...65535).contains(port) else {
      throw PostgresConfigurationError.invalidURL(reason: "invalid port")
    }
    return (host, port)
  }

  private static func decode(_ text: Substring, part: String) throws -> String {
    guard let decoded = String(text).removingPercentEncoding else {
      throw PostgresConfigurationError.invalidURL(reason: "bad percent-encoding in \(part)")
    }
    return decoded
  }
}
