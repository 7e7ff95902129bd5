import EventContracts

/// How the hub may first reach a victim, keeping the safe-contact rules: never write to or
/// call a victim marked unsafe (or not known to be safe), and only on their preferred channel.
enum VictimContactRoute: Sendable, Equatable {
  /// Send the RJ information on this channel (email or letter).
  case write(PreferredContact)
  /// A case worker calls: the victim prefers the phone.
  case caseWorkerCalls
  /// The preferred channel has nothing to use (no email, no address, no preference): a case
  /// worker finds a safe way, never another channel by default.
  case caseWorkerFindsChannel
  /// Not safe to contact (or unknown): a supervisor decides; nothing is sent.
  case supervisorDecides

  /// The route for a victim with `safeToContact`, `preferred` channel and `details`.
  static func decide(
    safeToContact: Bool?, preferred: PreferredContact?, details: CaseContactDetails.Person?
  ) -> VictimContactRoute {
    guard safeToContact == true, let details else { return .supervisorDecides }
    switch preferred {
    case .email where details.email.isPresent: return .write(.email)
    case .letter where details.address.isPresent: return .write(.letter)
    case .phone: return .caseWorkerCalls
    case .email, .letter, nil: return .caseWorkerFindsChannel
    }
  }
}

extension Optional where Wrapped == String {
  /// Whether there is a non-blank value.
  var isPresent: Bool {
    guard let self else { return false }
    return !self.allSatisfy(\.isWhitespace)
  }
}

/// The safe-contact rules for a contact attempt with a known participant: never write (letter
/// or email) to someone who may not be written to, or without an address to write to; never
/// call someone who may not be called, or without a number.
enum SafeContactRule {
  /// Why contacting `participant` on `channel` is refused (a rule code and what it says), or
  /// nil when it is allowed.
  static func refusal(of channel: PreferredContact, to participant: CaseParticipant)
    -> (rule: String, message: String)?
  {
    let contact = participant.contact
    switch channel {
    case .letter, .email:
      guard participant.safeToWrite else {
        return (
          "unsafe-to-write", "the participant may not be written to (unsafe or shared address)"
        )
      }
      let present = channel == .letter ? contact?.address.isPresent : contact?.email.isPresent
      guard present == true else {
        return (
          "no-safe-address", "there is no \(channel == .letter ? "postal" : "email") address to use"
        )
      }
    case .phone:
      guard participant.safeToCall, contact?.phone.isPresent == true else {
        return ("no-safe-number", "the participant may not be called: no safe number")
      }
    }
    return nil
  }
}
