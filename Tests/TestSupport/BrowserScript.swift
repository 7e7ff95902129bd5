import Foundation

/// Runs one of the headless-Chromium drivers under `Tests/Browser/` (Python, over the
/// DevTools Protocol) and reads the JSON object it prints; and describes the axe-core
/// violations such a driver reports.
public enum BrowserScript {
  /// Where the drivers write their screenshots (`.local/test-artifacts/<folder>`).
  public static func artifacts(_ folder: String? = nil) -> URL {
    let base = TestServers.repositoryRoot.appendingPathComponent(".local/test-artifacts")
    return folder.map { base.appendingPathComponent($0) } ?? base
  }

  /// Runs `Tests/Browser/<script>` with `arguments` (with Debian's python3, which has
  /// python3-websocket); the object it printed, or an error with what it wrote to stderr.
  public static func run(_ script: String, arguments: [String]) async throws -> [String: Any] {
    let path = TestServers.repositoryRoot.appendingPathComponent("Tests/Browser/\(script)")
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("stdout")
    let errors = scratch.appendingPathComponent("stderr")
    try Data().write(to: output)
    try Data().write(to: errors)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [path.path] + arguments
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    guard status == 0 else {
      throw HarnessError.notJSONObject(
        "\(script) exited \(status): "
          + String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }
    guard
      let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: output))
        as? [String: Any]
    else { throw HarnessError.notJSONObject("\(script) printed no JSON object") }
    return object
  }

  /// axe-core violations, one line each: impact, rule, help and the offending elements.
  public static func describe(_ violations: [[String: Any]]) -> String {
    violations.map { violation in
      let targets = (violation["nodes"] as? [[String: Any]] ?? []).map {
        ($0["target"] as? [String] ?? []).joined(separator: " ")
      }
      return "\(violation["impact"] ?? "?") \(violation["id"] ?? "?") "
        + "(\(violation["help"] ?? "")) at \(targets.joined(separator: ", "))"
    }.joined(separator: "; ")
  }

  /// The serious and critical ones among `violations` (what the browser tests refuse).
  public static func severe(_ violations: [[String: Any]]) -> [[String: Any]] {
    violations.filter { ["serious", "critical"].contains($0["impact"] as? String ?? "") }
  }
}
