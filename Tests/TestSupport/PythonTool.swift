import Foundation

/// Runs a small Python program, by default with Debian's /usr/bin/python3, feeding it stdin and
/// returning stdout; the tests validate documents with real implementations this way
/// (python3-jsonschema, python3-yaml, and openapi-spec-validator from infra/python-tools.sh).
public enum PythonTool {
  /// Debian's interpreter, which has python3-jsonschema and python3-yaml (infra/install.sh).
  public static let debianInterpreter = "/usr/bin/python3"

  /// The interpreter of infra/python-tools.sh's virtual environment (PyPI tools Debian does not
  /// package), from `RJHUB_TEST_PYTHON_TOOLS`; throws naming the fix when it is not installed.
  public static func toolsInterpreter() throws -> String {
    let path = try TestServers.setting(named: "RJHUB_TEST_PYTHON_TOOLS")
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw ValidatorFailure(
        "\(path) is missing: install the Python tools with `bash infra/python-tools.sh`")
    }
    return path
  }

  /// Runs `script` with `arguments` under `interpreter`; throws a readable failure when the
  /// interpreter is missing or the script exits non-zero (its stderr is included).
  public static func run(
    script: String, arguments: [String], input: [UInt8], interpreter: String = debianInterpreter
  ) throws -> [UInt8] {
    guard FileManager.default.isExecutableFile(atPath: interpreter) else {
      throw ValidatorFailure(
        "\(interpreter) is missing: install Debian's python3 and python3-jsonschema "
          + "(apt-get install -y python3 python3-jsonschema python3-yaml)")
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("python-tool-\(UUID().uuidString)")
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
        "\(interpreter) exited with status \(process.terminationStatus): "
          + errors.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return Array(output)
  }
}
