/// What the mailbox shows of emails that reached a recipient more than once, judged against
/// the one window the notifications service documents: a process that dies between the SMTP
/// server's acceptance and the commit recording it leaves the row to be sent again, with the
/// same `Message-ID`, once its claim lapses. Each delivery loop commits every email on its own
/// straight after sending it, so a killed process can leave at most one email per loop
/// (`RJHUB_NOTIFY_SENDERS`) in that window.
struct EmailRepeats: Equatable {
  /// Recipients who received different emails (different `Message-ID`s, or one without):
  /// never allowed.
  var differentEmails: [String: [String]]
  /// Recipients who received the same email more than once, with how many extra copies.
  var repeated: [String: Int]

  /// The extra copies in all.
  var total: Int { repeated.values.reduce(0, +) }

  /// Reads `received`, each recipient's `Message-ID`s, one per email that reached them.
  init(_ received: [String: [String]]) {
    differentEmails = received.filter { Set($0.value).count > 1 || $0.value.contains("") }
    repeated = received.compactMapValues { ids in
      Set(ids).count == 1 && !ids[0].isEmpty && ids.count > 1 ? ids.count - 1 : nil
    }
  }

  /// The most repeats `killedNotificationsProcesses` SIGKILLed notifications processes, each
  /// with `sendersPerProcess` delivery loops, can leave.
  static func bound(killedNotificationsProcesses: Int, sendersPerProcess: Int) -> Int {
    killedNotificationsProcesses * sendersPerProcess
  }

  /// What is wrong with these repeats when at most `allowed` may happen; empty when nothing.
  func problems(allowed: Int) -> [String] {
    var problems: [String] = []
    if !differentEmails.isEmpty {
      problems.append("recipients sent different emails: \(differentEmails.keys.sorted())")
    }
    if total > allowed {
      problems.append(
        "\(total) repeated emails, more than the \(allowed) the crash window allows: "
          + "\(repeated.sorted { $0.key < $1.key })")
    }
    return problems
  }
}
