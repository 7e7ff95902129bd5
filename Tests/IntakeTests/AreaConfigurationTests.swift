import EventContracts
import Foundation
import HubAreas
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing

/// Areas as configuration: the areas file (`RJHUB_AREAS_FILE`, `docs/areas.md`) describes each
/// area's districts, calendar and contact details; intake serves what it describes, rejects
/// districts an area does not list, and refuses a malformed file by naming the variable.
@Suite("Areas as configuration", .serialized)
struct AreaConfigurationTests {
  static let essex = """
    {"areas": [
      {"id": "essex", "name": "Essex", "districts": ["Colchester", "Chelmsford", "Tendring"],
       "bankHolidays": "england-and-wales", "closedDays": ["2026-12-24"], "caseNumberCode": "ESX",
       "contact": {"email": "rj.essex@example.org", "phone": "01632 960 199"}},
      {"id": "norfolk", "name": "Norfolk", "districts": ["Norwich"],
       "bankHolidays": "england-and-wales", "closedDays": [], "contact": {}}
    ]}
    """

  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("areas-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test("the file describes the areas; RJHUB_INTAKE_AREAS chooses among them")
  func directory() throws {
    let path = try Self.file(Self.essex)
    let all = try HubAreaDirectory(environment: EnvironmentReader(["RJHUB_AREAS_FILE": path]))
    #expect(all.ids == ["essex", "norfolk"])
    #expect(all["essex"]?.district(matching: " colchester ") == "Colchester")
    #expect(all["essex"]?.district(matching: "Norwich") == nil)
    let christmasEve = try #require(CalendarDate("2026-12-24"))
    #expect(!all.calendar(for: "essex").isWorkingDay(christmasEve))
    #expect(all.calendar(for: "norfolk").isWorkingDay(christmasEve))

    let chosen = try HubAreaDirectory(
      environment: EnvironmentReader(["RJHUB_AREAS_FILE": path, "RJHUB_INTAKE_AREAS": "essex,kent"])
    )
    #expect(chosen.ids == ["essex", "kent"])
    #expect(chosen["kent"]?.districts == [])
    #expect(chosen["kent"]?.name == "Kent")

    let builtIn = try HubAreaDirectory(environment: EnvironmentReader([:]))
    #expect(builtIn.ids == ["cambridgeshire", "norfolk", "suffolk"])
  }

  @Test(
    "a malformed areas file is refused, naming the variable and what is expected",
    arguments: [
      ("not json", "a readable JSON areas document"),
      (
        #"{"areas": [{"id": "Essex County", "name": "Essex", "districts": [], "bankHolidays": "england-and-wales", "closedDays": [], "contact": {}}]}"#,
        "area ids"
      ),
      (
        #"{"areas": [{"id": "essex", "name": "Essex", "districts": [], "bankHolidays": "England & Wales", "closedDays": [], "contact": {}}]}"#,
        "bankHolidays naming a division"
      ),
      (
        #"{"areas": [{"id": "essex", "name": "Essex", "districts": [], "bankHolidays": "england-and-wales", "closedDays": ["24/12/2026"], "contact": {}}]}"#,
        "closedDays as YYYY-MM-DD"
      ),
    ])
  func malformed(text: String, expected: String) throws {
    let path = try Self.file(text)
    #expect {
      try HubAreaDirectory(environment: EnvironmentReader(["RJHUB_AREAS_FILE": path]))
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.variable == "RJHUB_AREAS_FILE" && error.expected.contains(expected)
    }
  }

  @Test("each area's case-number code is configured; two areas sharing one are refused")
  func caseNumberCodesConfigured() throws {
    func areas(_ entries: [(String, String?)]) -> String {
      let described = entries.map { id, code in
        let codeField = code.map { ", \"caseNumberCode\": \"\($0)\"" } ?? ""
        return "{\"id\": \"\(id)\", \"name\": \"\(id)\", \"districts\": [], "
          + "\"bankHolidays\": \"england-and-wales\", \"closedDays\": [], \"contact\": {}"
          + "\(codeField)}"
      }
      return "{\"areas\": [\(described.joined(separator: ", "))]}"
    }
    // Both would number cases RJ-WES-… by their first three letters.
    let clash = try Self.file(areas([("west-midlands", nil), ("west-yorkshire", nil)]))
    #expect {
      try HubAreaDirectory(environment: EnvironmentReader(["RJHUB_AREAS_FILE": clash]))
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.variable == "RJHUB_AREAS_FILE"
        && error.expected.contains("WES is shared by west-midlands and west-yorkshire")
    }
    // Areas served by name only take the default code; a clash names the variable that chose
    // them.
    #expect {
      try HubAreaDirectory(
        environment: EnvironmentReader(["RJHUB_INTAKE_AREAS": "west-midlands,west-yorkshire"]))
    } throws: { error in
      (error as? ConfigurationError)?.variable == "RJHUB_INTAKE_AREAS"
    }
    let explicitClash = try Self.file(areas([("norfolk", "NFK"), ("north-folk", "NFK")]))
    #expect(throws: ConfigurationError.self) {
      try HubAreaDirectory(environment: EnvironmentReader(["RJHUB_AREAS_FILE": explicitClash]))
    }
    let coded = try Self.file(areas([("west-midlands", "WMD"), ("west-yorkshire", "WYK")]))
    let directory = try HubAreaDirectory(
      environment: EnvironmentReader(["RJHUB_AREAS_FILE": coded]))
    #expect(directory.caseNumberCode(for: "west-midlands") == "WMD")
    #expect(directory.caseNumberCode(for: "west-yorkshire") == "WYK")
    // The built-in areas keep the codes their cases have always had.
    let builtIn = try HubAreaDirectory(environment: EnvironmentReader([:]))
    #expect(
      ["norfolk", "suffolk", "cambridgeshire"].map(builtIn.caseNumberCode(for:))
        == ["NFK", "SFK", "CAM"])
    let lowerCase = try Self.file(areas([("essex", "esx")]))
    #expect {
      try HubAreaDirectory(environment: EnvironmentReader(["RJHUB_AREAS_FILE": lowerCase]))
    } throws: { error in
      (error as? ConfigurationError)?.expected == "caseNumberCode of 2 to 5 capital letters"
    }
  }

  @Test("intake serves the areas the file describes, and checks districts against them")
  func intakeServesConfiguredAreas() async throws {
    let path = try Self.file(Self.essex)
    try await ServiceAPIRig.with(service: "intake", environment: ["RJHUB_AREAS_FILE": path]) {
      rig in
      let run = String(UUID().uuidString.prefix(8))
      let token = try await rig.token(
        subject: "essex-athena", roles: [.referrer], areas: ["essex"],
        agency: ReferralAPITests.agency)
      var referral = ReferralAPITests.referral("AREA-\(run)", run: run)
      referral = SyntheticReferrals.setting(referral, "/area", to: "essex")
      referral = SyntheticReferrals.setting(referral, "/location/district", to: "Colchester")
      let accepted = try await rig.http(
        "POST", "/referrals", token: token, body: ReferralAPITests.text(referral))
      #expect(accepted.status == 201, "\(String(decoding: accepted.body, as: UTF8.self))")
      // A new area numbers its own cases, with the code its configuration gives.
      let caseId = try ServiceAPIRig.json(accepted.body)["caseId"] as? String
      #expect(caseId?.hasPrefix("RJ-ESX-") == true, "\(caseId ?? "no case id")")

      let elsewhere = SyntheticReferrals.setting(
        SyntheticReferrals.setting(referral, "/referralId", to: "AREA-\(run)-2"),
        "/location/district", to: "Norwich")
      let refused = try await rig.http(
        "POST", "/referrals", token: token, body: ReferralAPITests.text(elsewhere))
      #expect(refused.status == 422)
      let errors = try #require(try ServiceAPIRig.json(refused.body)["errors"] as? [[String: Any]])
      #expect(errors.count == 1)
      #expect(errors.first?["path"] as? String == "/location/district")
      #expect(errors.first?["code"] as? String == "unknown-district")
      #expect(
        errors.first?["message"] as? String
          == "must be one of Essex's districts: Colchester, Chelmsford, Tendring")

      // Suffolk is served by default but not by this file.
      let suffolk = SyntheticReferrals.setting(
        SyntheticReferrals.setting(referral, "/referralId", to: "AREA-\(run)-3"), "/area",
        to: "suffolk")
      let unknown = try await rig.http(
        "POST", "/referrals", token: token, body: ReferralAPITests.text(suffolk))
      #expect(unknown.status == 422)
      #expect(String(decoding: unknown.body, as: UTF8.self).contains("unknown-area"))

      // The form offers the configured areas by name.
      let form = try await FormClient(port: rig.service.port).get(
        "/self-referral/details?role=victim")
      #expect(form.text.contains("<option value=\"essex\">Essex</option>"))
      #expect(!form.text.contains("value=\"suffolk\""))
    }
  }
}
