import Foundation

/// Case ids for tests' synthetic events, made one way: `RJ-TST-` and 13 random hex digits,
/// unique per call, so tests sharing a database never meet each other's cases. `TST` is no
/// area's case-number code, so a synthetic id is never mistaken for a real case.
public enum SyntheticCaseIds {
  /// A case id no other call returns.
  public static func fresh() -> String {
    "RJ-TST-\(UUID().uuidString.prefix(13).lowercased())"
  }
}
