import Foundation

/// poppler's command-line tools (Debian's poppler-utils, installed by `infra/install.sh`) run
/// on a PDF written to a scratch folder. A missing tool fails the test that needs it, with
/// what to install: it is never skipped.
public struct Poppler: Sendable {
  /// The PDF's path.
  public let pdf: URL

  /// Writes `bytes` to a new scratch folder.
  public init(_ bytes: [UInt8]) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-letters-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    pdf = folder.appendingPathComponent("letter.pdf")
    try Data(bytes).write(to: pdf)
  }

  /// Deletes the scratch folder.
  public func remove() { try? FileManager.default.removeItem(at: pdf.deletingLastPathComponent()) }

  /// `pdfinfo`'s fields (`Pages`, `Page size`, ...).
  public func info() throws -> [String: String] {
    var fields: [String: String] = [:]
    for line in try Self.run("pdfinfo", [pdf.path]).split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields[String(line[..<colon])] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    return fields
  }

  /// The text of `page` (every page when nil), as `pdftotext -layout` reads it.
  public func text(page: Int? = nil) throws -> String {
    var arguments = ["-layout"]
    if let page { arguments += ["-f", "\(page)", "-l", "\(page)"] }
    return try Self.run("pdftotext", arguments + [pdf.path, "-"])
  }

  /// A word's box on a page, in points from the top left, from `pdftotext -bbox`.
  public struct Word: Equatable, Sendable {
    public var text: String
    public var xMin: Double
    public var yMin: Double
    public var xMax: Double
    public var yMax: Double
    public var height: Double { yMax - yMin }
  }

  /// Every word of `page` with its box.
  public func words(page: Int) throws -> [Word] {
    let html = try Self.run(
      "pdftotext", ["-bbox", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"])
    let pattern = try NSRegularExpression(
      pattern:
        #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#
    )
    let range = NSRange(html.startIndex..., in: html)
    return pattern.matches(in: html, range: range).map { match in
      func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
      return Word(
        text: group(5), xMin: Double(group(1))!, yMin: Double(group(2))!,
        xMax: Double(group(3))!, yMax: Double(group(4))!)
    }
  }

  /// Page `page` rendered by `pdftoppm` at `dpi` in `format` (`-png`, `-gray`): the file's
  /// bytes.
  public func image(page: Int, dpi: Int, format: String) throws -> [UInt8] {
    let root = pdf.deletingLastPathComponent().appendingPathComponent("page\(format)")
    _ = try Self.run(
      "pdftoppm",
      [
        format, "-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path,
        root.path,
      ])
    let suffix = format == "-png" ? "png" : "pgm"
    return Array(try Data(contentsOf: root.appendingPathExtension(suffix)))
  }

  /// Runs `tool` from `PATH` with `arguments`; its standard output. Throws, naming the
  /// package, when the tool is missing, and with its standard error when it fails.
  public static func run(_ tool: String, _ arguments: [String]) throws -> String {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map { "\($0)/\(tool)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else {
      throw PopplerFailure(
        "\(tool) is not installed: install Debian's poppler-utils (bash infra/install.sh)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw PopplerFailure(
        "\(tool) exited \(process.terminationStatus): \(String(decoding: errorData, as: UTF8.self))"
      )
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// A poppler tool missing or failing.
public struct PopplerFailure: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String
  /// A failure saying `description`.
  public init(_ description: String) { self.description = description }
}
