/// The case's own work: tasks, complaints and a transfer to another area.
extension CaseActions {
  /// `POST /cases/{caseId}/tasks`: a case action, due a number of working days ahead or on a
  /// date.
  static let task = ActionForm(
    id: "task", title: "Add a task", button: "Add task", done: "Task added",
    path: "/cases/{caseId}/tasks",
    fields: [
      FormField(placement: .body("/description"), label: "What must be done", kind: .textarea),
      FormField(
        placement: .body("/dueInWorkingDays"), label: "Due in working days", kind: .number,
        hint: "This or a date, not both.", optional: true),
      FormField(placement: .body("/dueOn"), label: "Due on", kind: .date, optional: true),
      FormField(
        placement: .body("/assignee"), label: "Who works it",
        kind: .choice([Choice("case-worker"), Choice("supervisor")]),
        hint: "A case worker when left blank.", optional: true),
    ])

  /// `POST /cases/{caseId}/task-closures`.
  static let taskClosure = ActionForm(
    id: "task-closure", title: "Complete or drop a task", button: "Close task",
    done: "Task closed", path: "/cases/{caseId}/task-closures",
    fields: [
      FormField(placement: .body("/taskId"), label: "Task", kind: .caseRecord(.openTasks)),
      FormField(
        placement: .body("/status"), label: "Outcome",
        kind: .choice([Choice("completed"), Choice("dropped")])),
      FormField(
        placement: .body("/reason"), label: "Why it is dropped", kind: .textarea,
        hint: "Needed to drop a task.", optional: true),
    ])

  /// `POST /complaints`, about this case: its area and id travel in the body, from the case.
  static let complaint = ActionForm(
    id: "complaint", title: "Log a complaint about the case", button: "Log complaint",
    done: "Complaint logged", path: "/complaints",
    fields: [
      FormField(placement: .body("/area"), label: "Area", kind: .fromCase(.area)),
      FormField(placement: .body("/caseId"), label: "Case", kind: .fromCase(.caseId)),
      FormField(
        placement: .body("/receivedAt"), label: "When it was received", kind: .dateTime,
        optional: true),
      FormField(
        placement: .body("/summary"), label: "The complaint", kind: .textarea,
        hint: "In the complainant's words. A response is due 28 days after it was received."),
    ])

  /// Intake's `POST /cases/{caseId}/transfers`: to another area's hub, once.
  static let transfer = ActionForm(
    id: "transfer", title: "Transfer the case to another area", button: "Transfer case",
    done: "Case transferred", service: .intake, path: "/cases/{caseId}/transfers",
    fields: [
      FormField(
        placement: .body("/toArea"), label: "To area", kind: .text,
        hint: "The receiving area's code, such as suffolk."),
      FormField(
        placement: .body("/reason"), label: "Why",
        kind: .choice(["victim-moved", "offender-moved", "wrong-area", "other"].map { Choice($0) })),
    ],
    hint: "A case is transferred once; the receiving area works it from then on.")
}
