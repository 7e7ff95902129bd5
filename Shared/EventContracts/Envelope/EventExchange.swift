/// The names of the AMQP exchanges the contracts travel on, so no service hard-codes them.
public enum EventExchange {
  /// Where police systems publish raw `ReferralSubmission` bodies (routing key
  /// "referral.submitted.v1").
  public static let referrals = "rj.referrals"
  /// Where RJ Hub services publish enveloped events (topic exchange, routing key
  /// "<type>.v<version>").
  public static let events = "rj.events"
}
