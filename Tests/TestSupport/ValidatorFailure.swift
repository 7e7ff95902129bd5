/// A test-infrastructure failure (validator missing, script crashed) with a message that tells
/// the reader how to fix the machine; never a reason to skip.
public struct ValidatorFailure: Error, CustomStringConvertible {
  /// What failed and how to fix the machine.
  public let description: String
  /// A failure described by `description`.
  public init(_ description: String) { self.description = description }
}
