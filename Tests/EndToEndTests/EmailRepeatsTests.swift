import Testing

/// The kill test's mailbox check can fail (issue 21: it printed repeats and never failed):
/// repeats are counted against the documented bound, and a second email under another
/// `Message-ID` always fails.
@Suite("Repeated emails against the crash window's bound")
struct EmailRepeatsTests {
  @Test("repeats are counted and fail above the bound; a different Message-ID always fails")
  func duplicateEmailsCountedAgainstTheBound() {
    let clean = EmailRepeats(["a@example.org": ["<1@hub>"], "b@example.org": ["<2@hub>"]])
    #expect(clean.total == 0 && clean.problems(allowed: 0).isEmpty)

    let resent = EmailRepeats([
      "a@example.org": ["<1@hub>", "<1@hub>"], "b@example.org": ["<2@hub>", "<2@hub>", "<2@hub>"],
      "c@example.org": ["<3@hub>"],
    ])
    #expect(resent.total == 3)
    #expect(resent.repeated == ["a@example.org": 1, "b@example.org": 2])
    #expect(resent.problems(allowed: 3).isEmpty)
    #expect(resent.problems(allowed: 2).count == 1, "three repeats where two are allowed")
    #expect(resent.problems(allowed: 0).count == 1)

    let different = EmailRepeats(["a@example.org": ["<1@hub>", "<9@hub>"]])
    #expect(different.problems(allowed: 100).count == 1, "another Message-ID is another email")
    let unnamed = EmailRepeats(["a@example.org": ["", ""]])
    #expect(unnamed.problems(allowed: 100).count == 1, "an email without a Message-ID")

    #expect(EmailRepeats.bound(killedNotificationsProcesses: 1, sendersPerProcess: 4) == 4)
  }
}
