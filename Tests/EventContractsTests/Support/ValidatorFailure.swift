/// A test-infrastructure failure (validator missing, script crashed) with a message that tells
/// the reader how to fix the machine; never a reason to skip.
struct ValidatorFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
