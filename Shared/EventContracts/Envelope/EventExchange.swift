/// The names of the AMQP exchanges the contracts travel on, so no service hard-codes them.
public enum EventExchange {
  /// Where police systems publish raw `ReferralSubmission` bodies (routing key
  /// "referral.submitted.v1").
  public static let referrals = "rj.referrals"
  /// Where RJ Hub services publish enveloped events (topic exchange, routing key
  /// "<type>.v<version>").
  public static let events = "rj.events"
  /// Where a hub sends a transferred case's referral to another area's hub: raw
  /// `ReferralSubmission` bodies, routing key "<toArea>.referral.submitted.v1" (topic
  /// exchange; the receiving hub binds, or shovels, `<its area>.#`).
  public static let transfers = "rj.transfers"
}
