import EventContracts
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

  /// Reads the query from `values` (every value given for a parameter name), collecting
  /// every problem before refusing.
  ///
  /// - Throws: ``RequestValidationFailure`` naming each parameter and what is expected.
  static func parse(_ values: (String) -> [String]) throws -> FiguresQuery {
    var problems: [FieldProblem] = []
    func single(_ name: String) -> String? {
      let given = values(name)
      if given.count > 1 {
        problems.append(
          FieldProblem(path: "?\(name)", code: "repeated", message: "give \(name) once"))
        return nil
      }
      return given.first
    }
    func date(_ name: String) -> CalendarDate? {
      guard let text = single(name) else { return nil }
      guard let date = CalendarDate(text) else {
        problems.append(
          FieldProblem(
            path: "?\(name)", code: "invalid-format",
            message: "a London calendar date written YYYY-MM-DD, such as 2026-11-01"))
        return nil
      }
      return date
    }

    let area = single("area")
    if let area, !isAreaName(area) {
      problems.append(
        FieldProblem(
          path: "?area", code: "invalid-format",
          message:
            "an area name of lower-case letters, digits and hyphens (at most "
            + "\(maximumAreaLength)), such as norfolk"))
    } else if area == nil, values("area").count <= 1 {
      problems.append(
        FieldProblem(
          path: "?area", code: "required", message: "the area's name, such as norfolk"))
    }
    let hasFrom = !values("from").isEmpty
    let hasTo = !values("to").isEmpty
    let from = date("from")
    let to = date("to")
    for (name, given, other) in [("from", hasFrom, hasTo), ("to", hasTo, hasFrom)]
    where !given && other {
      problems.append(
        FieldProblem(
          path: "?\(name)", code: "required",
          message: "give from and to together (YYYY-MM-DD), or neither for the current month"))
    }
    var period: FiguresPeriod?
    if let from, let to {
      period = FiguresPeriod(from: from, to: to)
      if period == nil {
        problems.append(
          FieldProblem(
            path: "?to", code: "invalid-value", message: "a date on or after from"))
      }
    }
    guard problems.isEmpty, let area else { throw RequestValidationFailure(problems: problems) }
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
