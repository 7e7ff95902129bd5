import Foundation
import TestSupport

/// The local SMTP server's mailbox (`RJHUB_TEST_MAILBOX`): one file per message it received.
/// Other tests share it, so a run finds its own messages by the synthetic addresses it used.
struct TestMailbox {
  let folder: URL

  init() throws {
    folder = URL(fileURLWithPath: try TestServers.setting(named: "RJHUB_TEST_MAILBOX"))
  }

  /// For every message whose headers name an address containing `marker`: the addresses,
  /// lower-cased, each counted once per message. So `[a: 2]` means two emails reached `a`.
  func deliveries(toAddressesContaining marker: String) throws -> [String: Int] {
    try messageIDs(toAddressesContaining: marker).mapValues(\.count)
  }

  /// For every message whose headers name an address containing `marker`: the addresses,
  /// lower-cased, with the `Message-ID` of each message that reached them (one entry per
  /// message received, so a resend of the same notification shows its id twice).
  func messageIDs(toAddressesContaining marker: String) throws -> [String: [String]] {
    let needle = marker.lowercased()
    var found: [String: [String]] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { throw HubTestError.timedOut("a readable mailbox at \(folder.path)") }
    for case let file as URL in walker where !file.hasDirectoryPath {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      let headers = text.components(separatedBy: "\r\n\r\n").first ?? text
      let unfolded =
        headers.replacingOccurrences(of: "\r\n", with: "\n")
        .components(separatedBy: "\n\n").first ?? headers
      var addresses: Set<String> = []
      var messageID = ""
      for line in unfolded.split(separator: "\n") where line.lowercased().hasPrefix("message-id:") {
        messageID = line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces)
      }
      for line in unfolded.split(separator: "\n") where line.lowercased().hasPrefix("to:") {
        for word in line.dropFirst(3).split(whereSeparator: { " <>,\"".contains($0) })
        where word.contains("@") && word.lowercased().contains(needle) {
          addresses.insert(word.lowercased())
        }
      }
      for address in addresses { found[address, default: []].append(messageID) }
    }
    return found
  }
}
