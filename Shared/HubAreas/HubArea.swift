import EventContracts
import Foundation

/// One force area a deployment serves (as Norfolk and Suffolk share one service): its name,
/// its districts, the days it does not work beyond weekends, and how the public reaches its
/// restorative justice team. Configured, not coded (``HubAreaDirectory``).
public struct HubArea: Sendable, Equatable, Codable {
  /// The area's id in referrals and events, lower case, e.g. "norfolk".
  public var id: String
  /// Its name for people, e.g. "Norfolk".
  public var name: String
  /// Its districts as referrals name them (local authority districts). Empty means any
  /// district is accepted.
  public var districts: [String]
  /// The bank holidays it follows: the division of GOV.UK's bank holidays file it is in,
  /// "england-and-wales", "scotland" or "northern-ireland" (``BankHolidays``).
  public var bankHolidays: String
  /// Further days it does not work (local holidays, closures), as `YYYY-MM-DD`.
  public var closedDays: [String]
  /// How the public and partner agencies reach the area's team.
  public var contact: Contact
  /// Where the area's supervisors are told of overdue tasks (a team mailbox, not a person);
  /// the area's contact email when absent.
  public var supervisorsEmail: String?
  /// The code in the area's case numbers (`RJ-<code>-<year>-<number>`): 2 to 5 capital
  /// letters, unique among the areas; the first three letters of the id when absent.
  public var caseNumberCode: String?

  /// An area's public contact details (an office, not a person).
  public struct Contact: Sendable, Equatable, Codable {
    public var email: String?
    public var phone: String?
    public var address: String?

    public init(email: String? = nil, phone: String? = nil, address: String? = nil) {
      self.email = email
      self.phone = phone
      self.address = address
    }
  }

  /// An area described nowhere but served: its id capitalised as its name, any district,
  /// England and Wales's bank holidays, no contact details.
  public static func undescribed(_ id: String) -> HubArea { HubArea(id: id, name: id.capitalized) }

  /// Whether `text` has the shape of an area id: 2 to 63 lower-case letters, digits or hyphens.
  public static func isValidId(_ text: String) -> Bool {
    text.range(of: "^[a-z0-9][a-z0-9-]{1,62}$", options: .regularExpression) != nil
  }

  /// An area.
  public init(
    id: String, name: String, districts: [String] = [], bankHolidays: String = "england-and-wales",
    closedDays: [String] = [], contact: Contact = Contact(), supervisorsEmail: String? = nil,
    caseNumberCode: String? = nil
  ) {
    self.id = id
    self.name = name
    self.districts = districts
    self.bankHolidays = bankHolidays
    self.closedDays = closedDays
    self.contact = contact
    self.supervisorsEmail = supervisorsEmail
    self.caseNumberCode = caseNumberCode
  }

  /// The code its case numbers carry: ``caseNumberCode``, else the id's first three letters
  /// in capitals (`essex` → `ESS`).
  public var caseNumberCodeInUse: String {
    caseNumberCode ?? String(id.uppercased().filter(\.isLetter).prefix(3))
  }

  /// Whether `text` has the shape of a case-number code: 2 to 5 capital letters.
  public static func isValidCaseNumberCode(_ text: String) -> Bool {
    text.range(of: "^[A-Z]{2,5}$", options: .regularExpression) != nil
  }

  /// The area's working-day calendar: weekdays except its division's bank holidays in
  /// `holidays` and its closed days; nil when `holidays` does not list its division.
  public func calendar(in holidays: BankHolidays) -> WorkingDayCalendar? {
    holidays.calendar(division: bankHolidays, closedDays: closedDays.compactMap(CalendarDate.init))
  }

  /// The configured district matching `text` (ignoring case and surrounding spaces), or nil.
  /// Always `text` itself when the area lists no districts.
  public func district(matching text: String) -> String? {
    if districts.isEmpty { return text }
    let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
    return districts.first { $0.lowercased() == wanted }
  }
}
