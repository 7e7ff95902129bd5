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
    let needle = marker.lowercased()
    var counts: [String: Int] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { throw HubTestError.timedOut("a readable mailbox at \(folder.path)") }
    for case let file as URL in walker where !file.hasDirectoryPath {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      let headers = text.components(separatedBy: "\r\n\r\n").first ?? text
      let unfolded =
        headers.replacingOccurrences(of: "\r\n", with: "\n")
        .components(separatedBy: "\n\n").first ?? headers
      var addresses: Set<String> = []
      for line in unfolded.split(separator: "\n") where line.lowercased().hasPrefix("to:") {
        for word in line.dropFirst(3).split(whereSeparator: { " <>,\"".contains($0) })
        where word.contains("@") && word.lowercased().contains(needle) {
          addresses.insert(word.lowercased())
        }
      }
      for address in addresses { counts[address, default: 0] += 1 }
    }
    return counts
  }
}
