/// One problem with a referral submission, reported back to the sender field by field.
/// `message` says what is wrong and what is expected, never the submitted value.
public struct ReferralError: Codable, Sendable, Equatable, Hashable {
  /// JSON pointer of the field, e.g. "/victim/dateOfBirth"; "" for the whole body.
  public var path: String
  /// A stable code senders can program against, e.g. "required" (see `ReferralError.Code`).
  public var code: String
  /// What is wrong and what is expected, for a person reading the rejection.
  public var message: String

  /// Builds an error.
  public init(path: String, code: String, message: String) {
    self.path = path
    self.code = code
    self.message = message
  }

  /// The stable error codes of the referral contract.
  public enum Code {
    /// A required field is missing or empty.
    public static let required = "required"
    /// A field has the wrong JSON type (e.g. a number where text is expected).
    public static let invalidType = "invalid-type"
    /// A field does not have the expected format (date, email, language tag…).
    public static let invalidFormat = "invalid-format"
    /// A field is not one of the allowed values.
    public static let invalidValue = "invalid-value"
    /// A date lies in the future.
    public static let dateInFuture = "date-in-future"
    /// The area is not one this hub serves.
    public static let unknownArea = "unknown-area"
    /// The district is not one of those configured for the referral's area.
    public static let unknownDistrict = "unknown-district"
    /// Contact details the hub could not use: a phone number that cannot be dialled, or a
    /// victim marked safe to contact with no way to contact them.
    public static let contactUnusable = "contact-unusable"
    /// A referral the offender initiated says nothing of how the victim has been considered.
    public static let victimConsiderationRequired = "victim-consideration-required"
    /// A text field is longer than the contract allows.
    public static let tooLong = "too-long"
    /// The body is not a JSON object.
    public static let malformedJSON = "malformed-json"
  }
}
