import EventContracts
import ServiceAssembly
import ServiceRuntime

/// What a figures request asks for: `area` (required), and `from` and `to` (London dates,
/// both included) given together, or neither for the current calendar month.
struct FiguresQuery: Sendable, Equatable {
  /// The area, e.g. "norfolk".
  var area: String
  /// The days asked for; nil for the current London calendar month.
  var period: FiguresPeriod?

  /// The longest area name accepted.
  static let maximumAreaLength = 64

  /// Reads the query from `fields`, collecting every problem before refusing.
  ///
  /// - Throws: ``RequestValidationFailure`` naming each parameter and what is expected.
  static func parse(_ fields: QueryFields) throws(RequestValidationFailure) -> FiguresQuery {
    var fields = fields
    let area = fields.string("area", required: true, expecting: "the area's name, such as norfolk")
    if let area, !isAreaName(area) {
      fields.problem(
        "area", "invalid-format",
        "an area name of lower-case letters, digits and hyphens (at most "
          + "\(maximumAreaLength)), such as norfolk")
    }
    let from = fields.date("from")
    let to = fields.date("to")
    for (name, other) in [("from", "to"), ("to", "from")]
    where !fields.has(name) && fields.has(other) {
      fields.problem(
        name, "required",
        "give from and to together (YYYY-MM-DD), or neither for the current month")
    }
    var period: FiguresPeriod?
    if let from, let to {
      period = FiguresPeriod(from: from, to: to)
      if period == nil { fields.problem("to", "invalid-value", "a date on or after from") }
    }
    try fields.finish()
    guard let area else { throw RequestValidationFailure(problems: fields.problems) }
    return FiguresQuery(area: area, period: period)
  }

  /// Whether `name` is 1 to ``maximumAreaLength`` lower-case ASCII letters, digits and
  /// hyphens.
  static func isAreaName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= maximumAreaLength
      && name.utf8.allSatisfy {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
      }
  }
}
