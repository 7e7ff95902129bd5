import Foundation
import ServiceRuntime
import Testing

@testable import Workplace

/// The case page's catalogue of actions against the APIs' own descriptions: every route,
/// pointer and code as `docs/openapi/victim-contact.yaml` (and intake's `intake.yaml` for the
/// transfer) and the event schemas they `$ref` say, so a misspelt code fails here; and the
/// facilitator register's forms against `facilitator-matching.yaml`'s `POST /facilitators`.
@Suite struct CaseActionsTests {
  /// The repository's root, from this file's place in it.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Every POST and PUT route's request schema, `$ref`s (into `docs/events`) resolved and
  /// `allOf` merged, by `<service> <METHOD> <route>`; a route without a body maps to null.
  static let resolver = #"""
    import json, os, sys, yaml
    root = sys.argv[1]
    cache = {}
    def load(path):
        if path not in cache:
            with open(path) as f:
                cache[path] = yaml.safe_load(f) if path.endswith('.yaml') else json.load(f)
        return cache[path]
    def pointer(doc, frag):
        for seg in [s for s in frag.split('/') if s]:
            doc = doc[seg.replace('~1', '/').replace('~0', '~')]
        return doc
    def resolve(node, base, depth=0):
        if depth > 60:
            raise Exception('schema too deep')
        if isinstance(node, list):
            return [resolve(n, base, depth + 1) for n in node]
        if not isinstance(node, dict):
            return node
        if '$ref' in node:
            file, _, frag = node['$ref'].partition('#')
            target = os.path.normpath(os.path.join(os.path.dirname(base), file)) if file else base
            out = dict(resolve(pointer(load(target), frag), target, depth + 1))
            for k, v in node.items():
                if k != '$ref':
                    out[k] = resolve(v, base, depth + 1)
            return out
        out = {k: resolve(v, base, depth + 1) for k, v in node.items()}
        if 'allOf' in out:
            props, required = dict(out.get('properties', {})), list(out.get('required', []))
            for part in out.pop('allOf'):
                props.update(part.get('properties', {}))
                required += part.get('required', [])
                for k, v in part.items():
                    if k not in ('properties', 'required'):
                        out.setdefault(k, v)
            out['properties'], out['required'] = props, required
        return out
    routes = {}
    for service, name in [('victim-contact', 'victim-contact.yaml'), ('intake', 'intake.yaml'),
                          ('facilitator-matching', 'facilitator-matching.yaml')]:
        path = os.path.join(root, 'docs', 'openapi', name)
        for route, ops in load(path)['paths'].items():
            for method, op in ops.items():
                if method not in ('post', 'put', 'patch'):
                    continue
                schema = op.get('requestBody', {}).get('content', {}).get('application/json', {}).get('schema')
                routes[service + ' ' + method.upper() + ' ' + route] = resolve(schema, path) if schema else None
    print(json.dumps(routes))
    """#

  static func requestSchemas() throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", resolver, root.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 could not read the OpenAPI documents")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The API route an action posts to, as the OpenAPI document spells it: the agreement
  /// item's one placeholder stands for `{agreementId}/items/{itemId}`.
  static func route(of action: ActionForm) -> String {
    let path = action.path.replacingOccurrences(
      of: "{agreementItem}", with: "{agreementId}/items/{itemId}")
    return "\(action.service.rawValue) \(action.method.rawValue) \(path)"
  }

  /// The schema at `segments` of a body pointer within `schema`, or nil when it names nothing.
  static func schema(_ schema: [String: Any], at segments: [String]) -> [String: Any]? {
    var node = schema
    for segment in segments {
      if let next = (node["properties"] as? [String: Any])?[segment] as? [String: Any] {
        node = next
      } else if Int(segment) != nil, let items = node["items"] as? [String: Any] {
        node = items
      } else {
        return nil
      }
    }
    return node
  }

  static func placeholders(_ path: String) -> [String] {
    path.split(separator: "{").dropFirst().compactMap {
      $0.split(separator: "}").first.map(String.init)
    }
  }

  @Test func everyFieldAndCodeIsTheRoutesOwn() throws {
    let routes = try Self.requestSchemas()
    for action in CaseActions.all {
      let route = Self.route(of: action)
      try #require(routes.keys.contains(route), "\(action.id): no route \(route)")
      let bodyFields = action.fields.compactMap { field -> (FormField, [String])? in
        guard case .body(let pointer) = field.placement else { return nil }
        return (field, pointer.split(separator: "/").map(String.init))
      }
      guard let request = routes[route] as? [String: Any] else {
        #expect(bodyFields.isEmpty, "\(action.id): \(route) reads no body")
        continue
      }
      let properties = request["properties"] as? [String: Any] ?? [:]
      for (field, segments) in bodyFields {
        let pointer = field.name
        #expect(properties[segments[0]] != nil, "\(action.id): \(pointer) is not in \(route)")
        guard let node = Self.schema(request, at: segments) else {
          Issue.record("\(action.id): \(pointer) names nothing in \(route)")
          continue
        }
        let type = node["type"] as? String
        let codes = node["enum"] as? [String]
        let items = node["items"] as? [String: Any]
        switch field.kind {
        case .choice(let choices):
          for choice in choices {
            #expect(
              codes?.contains(choice.value) == true,
              "\(action.id): \(pointer) offers \(choice.value), not one of \(codes ?? [])")
          }
        case .several(let choices):
          #expect(type == "array", "\(action.id): \(pointer) is not an array")
          let allowed = items?["enum"] as? [String]
          for choice in choices {
            #expect(
              allowed?.contains(choice.value) == true,
              "\(action.id): \(pointer) offers \(choice.value), not one of \(allowed ?? [])")
          }
        case .severalRecords:
          #expect(
            type == "array" && items?["type"] as? String == "string", "\(action.id): \(pointer)")
        case .yesNo: #expect(type == "boolean", "\(action.id): \(pointer) is not a boolean")
        case .number:
          #expect(type == "integer" || type == "number", "\(action.id): \(pointer) is not a number")
        case .date:
          #expect(node["format"] as? String == "date", "\(action.id): \(pointer) is not a date")
        case .dateTime:
          #expect(
            node["format"] as? String == "date-time", "\(action.id): \(pointer) is not a date-time")
        case .text, .textarea, .caseRecord, .fromCase:
          #expect(type == "string" && codes == nil, "\(action.id): \(pointer) is not free text")
        }
      }
      // Everything the route takes is asked for, and what it requires is never optional.
      let asked = Set(bodyFields.map(\.1[0]))
      for property in properties.keys {
        #expect(asked.contains(property), "\(action.id): \(route) takes \(property), not asked")
      }
      for required in request["required"] as? [String] ?? [] {
        #expect(
          bodyFields.contains { $0.1[0] == required && !$0.0.optional },
          "\(action.id): \(required) is required by \(route)")
      }
    }
  }

  /// The register's add and change forms against facilitator-matching's `POST /facilitators`:
  /// every field is the route's and of its type, every required field is asked for, and only
  /// the conflicts of interest (absent keeps the entry's own) and the earlier
  /// `sensitiveTrained` flag are left out.
  @Test func theRegisterFormsAskForTheRegistersOwnFields() throws {
    let route = "facilitator-matching POST /facilitators"
    let request = try #require(try Self.requestSchemas()[route] as? [String: Any])
    let properties = request["properties"] as? [String: Any] ?? [:]
    let matches = { (text: String, pattern: String?) in
      pattern.map { text.range(of: $0, options: .regularExpression) != nil } ?? false
    }
    for action in [
      RegisterForms.entry(editing: nil, areas: ["norfolk", "suffolk"]),
      RegisterForms.entry(editing: "FAC-1", areas: ["norfolk"]),
    ] {
      #expect(Self.route(of: action) == route)
      var asked = Set(action.fixed.keys)
      for field in action.fields {
        guard case .body(let pointer) = field.placement else { continue }
        let key = String(pointer.dropFirst())
        asked.insert(key)
        guard let node = properties[key] as? [String: Any] else {
          Issue.record("\(action.id): \(pointer) is not in \(route)")
          continue
        }
        let type = node["type"] as? String
        let codes = node["enum"] as? [String]
        let items = node["items"] as? [String: Any] ?? [:]
        switch field.kind {
        case .choice(let choices):
          for choice in choices {
            #expect(
              codes?.contains(choice.value) == true,
              "\(action.id): \(pointer) offers \(choice.value), not one of \(codes ?? [])")
          }
        case .several(let choices):
          #expect(type == "array", "\(action.id): \(pointer) is not an array")
          for choice in choices {
            let allowed = items["enum"] as? [String]
            #expect(
              allowed?.contains(choice.value) ?? matches(choice.value, items["pattern"] as? String),
              "\(action.id): \(pointer) offers \(choice.value), which the route refuses")
          }
        case .yesNo: #expect(type == "boolean", "\(action.id): \(pointer) is not a boolean")
        case .number: #expect(type == "integer", "\(action.id): \(pointer) is not a whole number")
        case .date:
          #expect(node["format"] as? String == "date", "\(action.id): \(pointer) is not a date")
        case .text where RegisterForms.listFields.contains(pointer):
          #expect(
            type == "array" && items["type"] as? String == "string",
            "\(action.id): \(pointer) is not a list of strings")
        case .text:
          #expect(type == "string" && codes == nil, "\(action.id): \(pointer) is not free text")
        default: Issue.record("\(action.id): \(pointer) is a \(field.kind) field")
        }
      }
      for required in request["required"] as? [String] ?? [] {
        #expect(
          action.fixed[required] != nil
            || action.fields.contains { $0.name == "/\(required)" && !$0.optional },
          "\(action.id): \(required) is required by \(route)")
      }
      #expect(
        Set(properties.keys).subtracting(asked) == ["conflictsOfInterest", "sensitiveTrained"],
        "\(action.id) asks for every field of \(route)")
    }
    // Stopping an entry taking cases posts the entry back as listed: never the listing's own
    // fields, nor the count of conflicts of interest (which would replace the marks).
    var listed: [String: JSONValue] = [:]
    for key in properties.keys { listed[key] = .string("x") }
    for key in ["openAllocations", "registeredAt", "updatedAt", "supervisionDueOn"] {
      listed[key] = .string("x")
    }
    listed["conflictsOfInterest"] = .number(2)
    guard case .object(let posted) = RegisterForms.registration(of: .object(listed), active: false)
    else {
      Issue.record("the registration is not an object")
      return
    }
    #expect(Set(posted.keys).isSubset(of: Set(properties.keys)))
    #expect(posted["conflictsOfInterest"] == nil && posted["sensitiveTrained"] == nil)
  }

  @Test func everyJourneyRouteOnACaseHasAForm() throws {
    let routes = try Self.requestSchemas().keys
    let offered = Set(CaseActions.all.map(Self.route(of:)))
    let onACase = routes.filter {
      ($0.hasPrefix("victim-contact ") && $0.contains(" /cases/{caseId}/"))
        || $0.hasSuffix(" /cases/{caseId}/transfers")
    }
    for route in onACase { #expect(offered.contains(route), "no form for \(route)") }
    #expect(offered.contains("victim-contact POST /complaints"))
  }

  @Test func idsAreUniqueAndEveryPlaceholderIsFilled() {
    let ids = CaseActions.all.map(\.id)
    #expect(Set(ids).count == ids.count, "\(ids)")
    for action in CaseActions.all {
      #expect(CaseActions.named(action.id)?.path == action.path)
      let placeholders = Self.placeholders(action.path)
      let pathFields = action.fields.compactMap { field -> String? in
        if case .path(let name) = field.placement { return name }
        return nil
      }
      for name in placeholders where name != "caseId" {
        #expect(pathFields.contains(name), "\(action.id): nothing fills {\(name)}")
      }
      for name in pathFields {
        #expect(placeholders.contains(name), "\(action.id): path:\(name) is in no placeholder")
      }
      let names = action.fields.map(\.name)
      #expect(Set(names).count == names.count, "\(action.id): a field twice")
      #expect(!action.roles.isEmpty && action.roles.isSubset(of: [.caseWorker, .supervisor]))
    }
  }

  @Test func numberedPointersBuildArrays() {
    let form = FormFields(pairs: [
      ("/madeOn", "2026-12-01"),
      ("/items/0/kind", "apology"), ("/items/0/description", "A letter"),
      ("/items/0/responsible", "C1.1a2b3c4d"), ("/items/0/dueOn", "2026-12-20"),
      ("/items/2/kind", "other"),
    ])
    let (body, path) = FormBody.request(for: CaseActions.outcomeAgreement, from: form)
    #expect(path.isEmpty)
    #expect(body["madeOn"] == .string("2026-12-01"))
    #expect(
      body["items"]
        == .array([
          .object([
            "kind": .string("apology"), "description": .string("A letter"),
            "responsible": .string("C1.1a2b3c4d"), "dueOn": .string("2026-12-20"),
          ]),
          .object([:]),
          .object(["kind": .string("other")]),
        ]))
    let lead = FormFields(pairs: [("/facilitators/1", "F-2"), ("/attendees", "C1.victim")])
    let (planned, _) = FormBody.request(for: CaseActions.intervention, from: lead)
    #expect(planned["facilitators"] == .array([.null, .string("F-2")]))
    #expect(planned["attendees"] == .array([.string("C1.victim")]))
  }

  @Test func anAgreementItemIsOnePathValue() {
    let form = FormFields(pairs: [("path:agreementItem", "A 1/items/I1"), ("/status", "done")])
    let (body, values) = FormBody.request(for: CaseActions.agreementItem, from: form)
    #expect(body == .object(["status": .string("done")]))
    #expect(
      CaseRoutes.path(CaseActions.agreementItem.path, caseId: "C1", values: values)
        == "/cases/C1/outcome-agreements/A%201/items/I1")
    let (signOff, ids) = FormBody.request(
      for: CaseActions.assessmentSignOff, from: FormFields(pairs: [("path:assessmentId", "S1")]))
    #expect(signOff == .object([:]))
    #expect(
      CaseRoutes.path(CaseActions.assessmentSignOff.path, caseId: "C1", values: ids)
        == "/cases/C1/assessments/S1/sign-off")
  }

  @Test func aComplaintCarriesTheCaseFromHiddenFields() throws {
    let view: JSONValue = .object([
      "caseId": .string("C1"), "area": .string("norfolk"),
      "journey": .object([
        "participants": .array([
          .object(["participantId": .string("C1.victim"), "role": .string("victim")])
        ])
      ]),
    ])
    let context = FormView(problems: [
      APIProblem(path: "/area", code: "invalid-value", message: "Not your area")
    ]).context(
      for: CaseActions.complaint, target: "/t", csrfToken: "x", records: CaseRecords(view: view))
    let fields = try #require(context["fields"] as? [[String: Any]])
    let area = try #require(fields.first { $0["name"] as? String == "/area" })
    #expect(area["isHidden"] as? Bool == true && area["value"] as? String == "norfolk")
    #expect(fields.first { $0["name"] as? String == "/caseId" }?["value"] as? String == "C1")
    #expect(context["formErrors"] as? [String] == ["Not your area"])
    let typed = FormFields(pairs: [("/area", "norfolk"), ("/caseId", "C1"), ("/summary", "Late")])
    let (body, _) = FormBody.request(for: CaseActions.complaint, from: typed)
    #expect(
      body
        == .object(
          ["area": "norfolk", "caseId": "C1", "summary": "Late"].mapValues(JSONValue.string)))

    let attendees = FormView().context(
      for: CaseActions.intervention, target: "/t", csrfToken: "x", records: CaseRecords(view: view))
    let boxes = try #require(
      (attendees["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "/attendees" })
    #expect(boxes["isCheckboxes"] as? Bool == true)
    #expect((boxes["options"] as? [[String: Any]])?.map { $0["value"] as? String } == ["C1.victim"])
  }
}
