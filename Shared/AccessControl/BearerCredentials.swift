import Hummingbird

/// Reads the token out of an `Authorization: Bearer <token>` header (RFC 6750).
enum BearerCredentials {
  /// The token in `request`'s `Authorization` header; throws ``TokenRejection/missing`` when
  /// there is no header, it uses another scheme or the token is empty.
  static func token(in request: Request) throws(TokenRejection) -> String {
    guard let header = request.headers[.authorization] else { throw .missing }
    let scheme = "bearer "
    guard header.count > scheme.count, header.lowercased().hasPrefix(scheme) else {
      throw .missing
    }
    let token = header.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces)
    guard !token.isEmpty else { throw .missing }
    return token
  }
}
