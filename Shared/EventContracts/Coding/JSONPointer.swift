import Foundation

/// Renders a Codable coding path as a JSON pointer ("/victim/dateOfBirth"), the field address
/// decoding errors and referral errors use.
enum JSONPointer {
  /// The pointer for a coding path; "" (the whole document) for an empty path.
  static func from(_ path: [any CodingKey]) -> String {
    path.map { key in
      if let index = key.intValue { return "/\(index)" }
      let escaped = key.stringValue.replacingOccurrences(of: "~", with: "~0")
        .replacingOccurrences(of: "/", with: "~1")
      return "/" + escaped
    }.joined()
  }
}
