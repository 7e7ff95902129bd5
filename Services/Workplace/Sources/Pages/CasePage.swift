import AccessControl
import ServiceRuntime

/// The template values of a case's page, from victim-contact's view of it: summary, people,
/// tasks, contact, the journey's records, allocations, the timeline, and a form for every
/// action the caller may take (one of them possibly refused and shown with its errors).
struct CasePage {
  var view: JSONValue
  var signedIn: SignedIn
  /// A refused form: its id and what to show in it.
  var refused: (action: String, form: FormView)? = nil
  var banner: String? = nil

  var caseId: String { view["caseId"]?.stringValue ?? "" }

  func context() -> [String: Any] {
    let journey = view["journey"]
    var context: [String: Any] = [
      "pageTitle": "Case \(caseId)", "caseId": caseId,
      "summary": summaryRows(),
      "tasks": rows(view["tasks"]) { task in
        [
          "kind": Words.of(task["kind"]?.stringValue ?? ""),
          "dueOn": task["dueOn"]?.stringValue ?? "",
          "status": Words.of(task["status"]?.stringValue ?? ""),
          "assignee": Words.of(task["assignee"]?.stringValue ?? ""),
          "overdue": task["flag"]?.stringValue == "overdue",
        ]
      },
      "contactAttempts": rows(view["contactAttempts"]) { attempt in
        [
          "at": LondonTime.display(attempt["attemptedAt"]?.stringValue ?? ""),
          "participant": Words.of(attempt["participant"]?.stringValue ?? ""),
          "channel": Words.of(attempt["channel"]?.stringValue ?? ""),
          "outcome": Words.of(attempt["outcome"]?.stringValue ?? ""),
          "notes": attempt["notes"]?.stringValue ?? "",
        ]
      },
      "participants": rows(journey?["participants"]) { participant in
        [
          "participantId": participant["participantId"]?.stringValue ?? "",
          "role": Words.of(participant["role"]?.stringValue ?? ""),
          "name": participant["contact"]?["name"]?.stringValue ?? "",
          "channel": Words.of(participant["preferredChannel"]?.stringValue ?? ""),
          "language": participant["language"]?.stringValue ?? "",
          "safeToWrite": yesNo(participant["safeToWrite"]),
          "safeToCall": yesNo(participant["safeToCall"]),
        ]
      },
      "consents": rows(journey?["consents"]) { consent in
        [
          "participantId": consent["participantId"]?.stringValue ?? "",
          "givenAt": LondonTime.display(consent["givenAt"]?.stringValue ?? ""),
          "evidence": Words.of(consent["evidence"]?.stringValue ?? ""),
          "withdrawn": consent["withdrawnAt"].flatMap(\.stringValue).map(LondonTime.display) ?? "",
        ]
      },
      "assessments": rows(journey?["suitability"]) { assessment in
        [
          "participantId": assessment["participantId"]?.stringValue ?? "",
          "outcome": Words.of(assessment["outcome"]?.stringValue ?? ""),
          "conditions": (assessment["conditions"]?.arrayValue ?? []).compactMap(\.stringValue)
            .map(Words.of).joined(separator: ", "),
          "signedOff": assessment["signedOffAt"].flatMap(\.stringValue).map(LondonTime.display)
            ?? "Waiting for sign-off",
        ]
      },
      "interventions": rows(journey?["interventions"]) { intervention in
        [
          "kind": Words.of(intervention["kind"]?.stringValue ?? ""),
          "plannedFor": LondonTime.display(intervention["plannedFor"]?.stringValue ?? ""),
          "status": Words.of(intervention["status"]?.stringValue ?? ""),
        ]
      },
      "agreements": rows(journey?["agreements"]) { agreement in
        [
          "madeOn": agreement["madeOn"]?.stringValue ?? "",
          "items": (agreement["items"]?.arrayValue ?? []).map { item in
            [
              "description": item["description"]?.stringValue ?? "",
              "status": Words.of(item["status"]?.stringValue ?? ""),
            ]
          },
        ]
      },
      "surveys": rows(journey?["surveys"]) { survey in
        [
          "participantId": survey["participantId"]?.stringValue ?? "",
          "kind": Words.of(survey["kind"]?.stringValue ?? ""),
          "point": Words.of(survey["point"]?.stringValue ?? ""),
          "answeredAt": LondonTime.display(survey["answeredAt"]?.stringValue ?? ""),
        ]
      },
      "facilitators": rows(view["facilitators"]) { facilitator in
        [
          "facilitatorId": facilitator["facilitatorId"]?.stringValue ?? "",
          "role": Words.of(facilitator["role"]?.stringValue ?? ""),
          "agency": facilitator["agency"]?.stringValue ?? "",
        ]
      },
      "facilitatorRequests": rows(view["facilitatorRequests"]) { request in
        [
          "status": Words.of(request["status"]?.stringValue ?? ""),
          "reason": Words.of(request["unfilledReason"]?.stringValue ?? ""),
        ]
      },
      "notifications": rows(view["notifications"]) { notification in
        [
          "purpose": Words.of(notification["purpose"]?.stringValue ?? ""),
          "channel": Words.of(notification["channel"]?.stringValue ?? ""),
          "status": Words.of(notification["status"]?.stringValue ?? ""),
        ]
      },
      "timeline": rows(journey?["timeline"]) { entry in
        [
          "at": LondonTime.display(entry["at"]?.stringValue ?? ""),
          "what": Words.of(entry["what"]?.stringValue ?? ""),
          "detail": Words.of(entry["detail"]?.stringValue ?? ""),
        ]
      },
    ]
    if let personal = view["personalDetails"]?["victim"] {
      context["victim"] = [
        "name": personal["name"]?.stringValue ?? "", "email": personal["email"]?.stringValue ?? "",
        "phone": personal["phone"]?.stringValue ?? "",
        "address": personal["address"]?.stringValue ?? "",
      ]
    }
    context["forms"] = forms()
    if let refused, let action = CaseActions.named(refused.action) {
      context["errors"] = refused.form.summary(for: action)
    }
    if let banner { context["banner"] = banner }
    return context
  }

  private func forms() -> [[String: Any]] {
    let records = CaseRecords(view: view)
    return CaseActions.all.filter { !$0.roles.isDisjoint(with: signedIn.caller.roles) }.map {
      action in
      let form = refused?.action == action.id ? refused!.form : FormView()
      return form.context(
        for: action, target: "/cases/\(PercentEncoding.component(caseId))/actions/\(action.id)",
        csrfToken: signedIn.session.csrfToken, records: records)
    }
  }

  private func summaryRows() -> [[String: String]] {
    let journey = view["journey"]
    var rows: [(String, String?)] = [
      ("Case", caseId),
      ("Area", view["area"]?.stringValue),
      ("Stage", view["stage"]?.stringValue.map(Words.of)),
      ("Offence", view["offenceCategory"]?.stringValue.map(Words.of)),
      ("District", view["district"]?.stringValue),
      ("Referral", view["referralId"]?.stringValue),
      ("Received", view["receivedAt"]?.stringValue.map(LondonTime.display)),
      ("Assigned to", journey?["assignedTo"]?.stringValue),
      ("Closure reason", journey?["closureReason"]?.stringValue.map(Words.of)),
    ]
    if let sensitivity = view["sensitivity"]?.arrayValue, !sensitivity.isEmpty {
      rows.append(
        ("Sensitive", sensitivity.compactMap(\.stringValue).map(Words.of).joined(separator: ", ")))
    }
    return rows.compactMap { key, value in
      guard let value, !value.isEmpty else { return nil }
      return [
        "key": key, "value": value,
        "id": "case-" + key.lowercased().replacingOccurrences(of: " ", with: "-"),
      ]
    }
  }

  private func rows(_ list: JSONValue?, _ row: (JSONValue) -> [String: Any]) -> [[String: Any]] {
    (list?.arrayValue ?? []).map(row)
  }

  private func yesNo(_ value: JSONValue?) -> String {
    switch value?.boolValue {
    case true?: "Yes"
    case false?: "No"
    case nil: "Not known"
    }
  }
}
