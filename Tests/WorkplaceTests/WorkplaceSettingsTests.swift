import HubConfiguration
import Testing

@testable import Workplace

/// The workplace's settings: required ones named when missing, URLs checked, defaults
/// documented.
@Suite struct WorkplaceSettingsTests {
  let minimal = [
    "RJHUB_OIDC_ISSUER": "http://127.0.0.1:8090/", "RJHUB_OIDC_CLIENT_SECRET": "s",
    "RJHUB_DATABASE_URL": "postgresql://u@127.0.0.1/db",
  ]

  @Test func defaultsAndTrailingSlashes() throws {
    let settings = try WorkplaceSettings(environment: EnvironmentReader(minimal))
    #expect(settings.issuer == "http://127.0.0.1:8090")
    #expect(settings.publicURL == "http://127.0.0.1:8086")
    #expect(settings.clientID == "rjhub-workplace")
    #expect(settings.idleTimeout == .seconds(1800))
    #expect(settings.services.victimContact == "http://127.0.0.1:8082")
    #expect(settings.servesSecureContext)
  }

  @Test(arguments: ["RJHUB_OIDC_ISSUER", "RJHUB_OIDC_CLIENT_SECRET", "RJHUB_DATABASE_URL"])
  func aMissingRequiredSettingIsNamed(_ name: String) {
    var values = minimal
    values[name] = nil
    #expect(throws: ConfigurationError.self) {
      try WorkplaceSettings(environment: EnvironmentReader(values))
    }
    do {
      _ = try WorkplaceSettings(environment: EnvironmentReader(values))
    } catch {
      #expect(error.variable == name)
    }
  }

  @Test func badValuesAreRefusedByName() {
    for (name, value) in [
      ("RJHUB_WORKPLACE_URL", "ftp://x"), ("RJHUB_INTAKE_URL", "not a url"),
      ("RJHUB_WORKPLACE_IDLE_TIMEOUT", "0s"),
    ] {
      var values = minimal
      values[name] = value
      do {
        _ = try WorkplaceSettings(environment: EnvironmentReader(values))
        Issue.record("\(name)=\(value) was accepted")
      } catch {
        #expect(error.variable == name)
      }
    }
  }

  @Test func plainHTTPElsewhereIsNotASecureContext() throws {
    var values = minimal
    values["RJHUB_WORKPLACE_URL"] = "http://workplace.example"
    #expect(!(try WorkplaceSettings(environment: EnvironmentReader(values))).servesSecureContext)
    #expect(SessionCookie(secure: false).sessionName == "rjhub-session")
  }

  @Test func everyVariableIsDocumented() {
    let names = Set(WorkplaceSettings.documentation.map(\.name))
    for name in [
      "RJHUB_WORKPLACE_URL", "RJHUB_OIDC_ISSUER", "RJHUB_OIDC_CLIENT_ID",
      "RJHUB_OIDC_CLIENT_SECRET",
      "RJHUB_WORKPLACE_IDLE_TIMEOUT", "RJHUB_WORKPLACE_SESSION_LIMIT", "RJHUB_INTAKE_URL",
      "RJHUB_VICTIM_CONTACT_URL", "RJHUB_FACILITATOR_MATCHING_URL", "RJHUB_REPORTING_URL",
      "RJHUB_DB_POOL_SIZE", "RJHUB_DATABASE_URL",
    ] {
      #expect(names.contains(name), "\(name)")
    }
  }
}
