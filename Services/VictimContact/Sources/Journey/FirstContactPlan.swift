import EventContracts

/// What happens when a case has fully arrived: the tasks with their deadlines and the
/// notifications to request. Pure, so every branch is testable without servers.
///
/// - acknowledge-referrer (1 working day): an email to the referrer (a letter if they left
///   only a postal address; a flagged task if neither).
/// - inform-victim (5 working days, 1 with enhanced rights), flagged `interpreter-needed` when
///   the victim's language is not English.
/// - The victim: RJ information on their preferred channel when it is safe and possible;
///   otherwise a contact-victim task, for a case worker (phone preferred, or no usable
///   details) or for a supervisor (not safe to contact). Nothing is ever sent to a victim who
///   is not marked safe to contact.
struct FirstContactPlan: Sendable, Equatable {
  /// Tasks to schedule.
  var tasks: [PlannedTask]
  /// Notifications to request.
  var notifications: [PlannedNotification]

  /// The plan for `arrived`, with deadlines from `deadlines`.
  init(for arrived: ArrivedCase, deadlines: VictimsCodeDeadlines) {
    let caseId = arrived.caseId
    let acknowledgeBy = deadlines.acknowledgeReferrer(
      receivedAt: arrived.receivedAt, area: arrived.area)
    let informBy = deadlines.informVictim(
      receivedAt: arrived.receivedAt, enhancedRights: arrived.enhancedRights, area: arrived.area)
    var tasks: [PlannedTask] = []
    var notifications: [PlannedNotification] = []

    let acknowledgement = Self.referrerAcknowledgement(arrived)
    tasks.append(
      PlannedTask(
        caseId: caseId, kind: .acknowledgeReferrer, dueOn: acknowledgeBy, assignee: .caseWorker,
        flag: acknowledgement == nil ? .noReferrerContact : nil))
    if let acknowledgement { notifications.append(acknowledgement) }

    tasks.append(
      PlannedTask(
        caseId: caseId, kind: .informVictim, dueOn: informBy, assignee: .caseWorker,
        flag: InterpreterNeed.derived(language: arrived.victimLanguage) ? .interpreterNeeded : nil))
    let route = VictimContactRoute.decide(
      safeToContact: arrived.victimSafeToContact, preferred: arrived.victimPreferredContact,
      details: arrived.victim)
    switch route {
    case .write(let channel):
      notifications.append(Self.victimInformation(arrived, channel: channel))
    case .caseWorkerCalls:
      tasks.append(
        PlannedTask(
          caseId: caseId, kind: .contactVictim, dueOn: informBy, assignee: .caseWorker,
          flag: .phonePreferred))
    case .caseWorkerFindsChannel:
      tasks.append(
        PlannedTask(
          caseId: caseId, kind: .contactVictim, dueOn: informBy, assignee: .caseWorker,
          flag: .noContactDetails))
    case .supervisorDecides:
      tasks.append(
        PlannedTask(
          caseId: caseId, kind: .contactVictim, dueOn: informBy, assignee: .supervisor,
          flag: .unsafeToContact))
    }
    self.tasks = tasks
    self.notifications = notifications
  }

  /// The referrer's acknowledgement: by email, else by letter, else none; in the victim's
  /// language when the victim referred themself (a police or agency referrer gets English).
  static func referrerAcknowledgement(_ arrived: ArrivedCase) -> PlannedNotification? {
    let referrer = arrived.referrer
    let channel: PreferredContact
    if referrer.email.isPresent {
      channel = .email
    } else if referrer.address.isPresent {
      channel = .letter
    } else {
      return nil
    }
    return PlannedNotification(
      notificationId: PlannedNotification.id(
        caseId: arrived.caseId, purpose: .referrerAcknowledgement),
      purpose: .referrerAcknowledgement, channel: channel,
      recipient: NotificationRequested.Recipient(
        name: referrer.name, email: channel == .email ? referrer.email : nil,
        address: channel == .letter ? referrer.address : nil),
      language: arrived.referrerIsVictim ? arrived.victimLanguage : nil,
      values: [
        "caseId": arrived.caseId, "referralId": arrived.referralId, "area": arrived.area,
      ])
  }

  /// The victim's RJ information on `channel`, in their language.
  static func victimInformation(_ arrived: ArrivedCase, channel: PreferredContact)
    -> PlannedNotification
  {
    PlannedNotification(
      notificationId: PlannedNotification.id(caseId: arrived.caseId, purpose: .victimRJInformation),
      purpose: .victimRJInformation, channel: channel,
      recipient: NotificationRequested.Recipient(
        name: arrived.victim?.name, email: channel == .email ? arrived.victim?.email : nil,
        address: channel == .letter ? arrived.victim?.address : nil),
      language: arrived.victimLanguage,
      values: ["caseId": arrived.caseId, "area": arrived.area])
  }
}
