import Foundation
import ServiceRuntime
import Synchronization

/// Collects the lines a ``JSONLogHandler`` writes, for inspection in tests.
final class LineCollector: Sendable {
  private let storage = Mutex<[String]>([])

  /// A sink appending to this collector.
  var sink: JSONLogSink {
    JSONLogSink { line in self.storage.withLock { $0.append(line) } }
  }

  /// Every line written so far.
  var lines: [String] { storage.withLock { $0 } }

  /// Every line parsed as a JSON object; fails the caller's expectation on a malformed line.
  func objects() throws -> [[String: Any]] {
    try lines.map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      guard let dictionary = object as? [String: Any] else {
        throw NotAnObject()
      }
      return dictionary
    }
  }

  struct NotAnObject: Error {}
}
