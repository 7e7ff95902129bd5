/// Why a letter could not be rendered: Cairo's status, never the letter's text.
public struct LetterRenderingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was being done (`creating the PDF surface`, `finishing the PDF`).
  public var step: String
  /// Cairo's description of its status.
  public var status: String

  /// An error at `step` with Cairo's `status`.
  public init(step: String, status: String) {
    self.step = step
    self.status = status
  }

  /// `step: status`.
  public var description: String { "letter rendering failed \(step): \(status)" }
}
