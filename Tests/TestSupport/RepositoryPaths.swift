import Foundation

/// Locates the repository's documentation, so tests read the published schemas and documents
/// wherever the checkout lives.
public enum RepositoryPaths {
  /// docs/events, where the JSON Schemas live.
  public static func eventSchemas() -> URL {
    TestServers.repositoryRoot.appendingPathComponent("docs/events")
  }

  /// A file under docs/.
  public static func docs(_ relativePath: String) -> URL {
    TestServers.repositoryRoot.appendingPathComponent("docs").appendingPathComponent(relativePath)
  }
}
