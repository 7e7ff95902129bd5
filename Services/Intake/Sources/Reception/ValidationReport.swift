import EventContracts
import Foundation

/// The problems found so far in one submission, each reported once per path.
struct ValidationReport {
  var issues: [ReferralError]

  /// Whether `path` already has a problem (a field of the wrong type, say).
  func has(_ path: String) -> Bool { issues.contains { $0.path == path } }

  mutating func add(_ path: String, _ code: String, _ message: String) {
    guard !has(path) else { return }
    issues.append(ReferralError(path: path, code: code, message: message))
  }

  mutating func missing(_ path: String) {
    add(path, ReferralError.Code.required, "is required")
  }

  /// The trimmed text at `path`, or nil after reporting it missing or empty.
  mutating func requireText(_ value: String?, _ path: String, because channel: String? = nil)
    -> String?
  {
    guard let text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
      if let channel {
        add(path, ReferralError.Code.required, "is required when preferredContact is \(channel)")
      } else {
        missing(path)
      }
      return nil
    }
    return text
  }

  mutating func requireEnum<E: RawRepresentable & CaseIterable>(
    _ value: String?, _ type: E.Type, _ path: String
  ) where E.RawValue == String {
    guard let text = requireText(value, path) else { return }
    if E(rawValue: text) == nil {
      add(
        path, ReferralError.Code.invalidValue,
        "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  mutating func checkEmail(_ value: String?, _ path: String) {
    guard let email = value, !email.isEmpty else { return }
    if email.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) == nil {
      add(path, ReferralError.Code.invalidFormat, "must be an email address")
    }
  }

  /// Reports a phone number that cannot be dialled: digits, spaces, brackets and hyphens,
  /// 6 to 21 characters, optionally after a leading `+`.
  mutating func checkPhone(_ value: String?, _ path: String) {
    guard let phone = value, !phone.isEmpty else { return }
    if phone.range(of: "^\\+?[0-9][0-9 ()-]{5,20}$", options: .regularExpression) == nil {
      add(
        path, ReferralError.Code.contactUnusable,
        "must be a phone number that can be dialled, e.g. 07700 900123 or +44 7700 900123")
    }
  }

  mutating func checkPastDate(_ value: String?, _ path: String, today: CalendarDate?) {
    guard let text = value else { return }
    guard let date = CalendarDate(text) else {
      return add(path, ReferralError.Code.invalidFormat, "must be a date such as 2025-03-06")
    }
    if let today, date > today {
      add(path, ReferralError.Code.dateInFuture, "must not be in the future")
    }
  }
}
