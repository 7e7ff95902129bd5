import EventContracts
import Foundation

/// The event the messaging drills send: a numbered message of one drill run.
///
/// It is a test fixture, not part of the hub's contract, so it has no schema under docs/.
public struct DrillRecorded: EventPayload {
  public static let eventType = "drill.recorded"
  public static let eventVersion = 1
  /// Position in the run, from 1.
  public var sequence: Int
  /// Which run.
  public var run: String

  public init(sequence: Int, run: String) {
    self.sequence = sequence
    self.run = run
  }
}
