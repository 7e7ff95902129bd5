/// Several key sources behind one gate (the shared HS256 key and an identity provider's JWKS):
/// a token goes to the one source that verifies the algorithm its header names.
///
/// Sources accept disjoint algorithms, so a token is never tried against a key it was not meant
/// for; an algorithm no source accepts (`none`, HS384 …) is refused before any signature check.
struct KeySourceSelector: TokenVerifier {
  private let sources: [any TokenVerifier]

  /// A selector over `sources`, asked in order.
  init(_ sources: [any TokenVerifier]) {
    self.sources = sources
  }

  /// Every algorithm some source accepts.
  var acceptedAlgorithms: Set<String> {
    sources.reduce(into: Set<String>()) { $0.formUnion($1.acceptedAlgorithms) }
  }

  /// The claims of `token`, verified by the source its header's `alg` calls for.
  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims {
    let header = try SignedToken.header(of: token)
    guard let algorithm = header.alg,
      let source = sources.first(where: { $0.acceptedAlgorithms.contains(algorithm) })
    else { throw .unsupportedAlgorithm }
    return try await source.verify(token)
  }
}
