import Hummingbird

/// Ids of allocations, offers and requests hold slashes (`<caseId>/facilitators/lead/1`), so
/// clients send them percent-encoded as one path segment; this is the id itself.
enum PathID {
  /// The percent-decoded value of path parameter `name`.
  static func decoded(_ name: String, in context: BasicRequestContext) throws -> String {
    let encoded = try context.parameters.require(name)
    return encoded.removingPercentEncoding ?? encoded
  }
}
