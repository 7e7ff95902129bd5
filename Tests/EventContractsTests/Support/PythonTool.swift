import Foundation

/// Runs a small Python program with Debian's /usr/bin/python3, feeding it stdin and returning
/// stdout; used to validate against a real JSON Schema implementation (python3-jsonschema).
enum PythonTool {
  static let interpreter = "/usr/bin/python3"

  /// Runs `script` with `arguments`; throws a readable failure when python3 is missing or the
  /// script exits non-zero (its stderr is included).
  static func run(script: String, arguments: [String], input: [UInt8]) throws -> [UInt8] {
    guard FileManager.default.isExecutableFile(atPath: interpreter) else {
      throw ValidatorFailure(
        "\(interpreter) is missing: install Debian's python3 and python3-jsonschema "
          + "(apt-get install -y python3 python3-jsonschema python3-yaml)")
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("eventcontracts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inputFile = scratch.appendingPathComponent("stdin")
    let outputFile = scratch.appendingPathComponent("stdout")
    let errorFile = scratch.appendingPathComponent("stderr")
    try Data(input).write(to: inputFile)
    try Data().write(to: outputFile)
    try Data().write(to: errorFile)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: interpreter)
    process.arguments = ["-c", script] + arguments
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()

    let output = try Data(contentsOf: outputFile)
    let errors = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw ValidatorFailure(
        "python3 exited with status \(process.terminationStatus): "
          + errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return Array(output)
  }
}
