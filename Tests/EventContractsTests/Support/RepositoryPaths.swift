import Foundation
import TestSupport

/// Locates the repository's documentation from this source file, so tests read the published
/// schemas wherever the checkout lives.
enum RepositoryPaths {
  /// The folder holding Package.swift, found by walking up from this file.
  static func root(filePath: String = #filePath) throws -> URL {
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
      {
        return folder
      }
      folder.deleteLastPathComponent()
    }
    throw ValidatorFailure("no Package.swift above \(filePath)")
  }

  /// docs/events, where the JSON Schemas live.
  static func eventSchemas() throws -> URL {
    try root().appendingPathComponent("docs/events")
  }

  /// A file under docs/.
  static func docs(_ relativePath: String) throws -> URL {
    try root().appendingPathComponent("docs").appendingPathComponent(relativePath)
  }
}
