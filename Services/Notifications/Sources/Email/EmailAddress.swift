/// Checks on an email address before it goes into an SMTP envelope or a header.
///
/// Deliberately simple: one `@` with text on both sides, at most 254 bytes, and none of the
/// characters that could break out of `RCPT TO:<...>` or a header (whitespace, controls,
/// `<>()[],;:"\`). Whether the mailbox exists is the relay's business.
enum EmailAddress {
  /// Whether `address` can be used as an envelope recipient or sender.
  static func isUsable(_ address: String) -> Bool {
    let bytes = Array(address.utf8)
    guard !bytes.isEmpty, bytes.count <= 254 else { return false }
    let forbidden = Set("<>()[],;:\"\\".utf8)
    guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && !forbidden.contains($0) }) else {
      return false
    }
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
  }
}
