import Foundation
import HubConfiguration
import Testing

@Suite("EnvironmentReader")
struct EnvironmentReaderTests {
  enum Colour: String, CaseIterable, Sendable {
    case red, green
  }

  @Test("unset and empty variables yield the defaults")
  func defaults() throws {
    let env = EnvironmentReader(["EMPTY": ""])
    #expect(env.string("MISSING", default: "x") == "x")
    #expect(env.string("EMPTY", default: "y") == "y")
    #expect(try env.int("MISSING", default: 7) == 7)
    #expect(try env.bool("MISSING", default: true) == true)
    #expect(try env.duration("MISSING", default: .seconds(3)) == .seconds(3))
    #expect(try env.enumeration("MISSING", default: Colour.green) == .green)
    #expect(try env.optionalSecret("MISSING") == nil)
  }

  @Test("each type is parsed")
  func parsesEachType() throws {
    let env = EnvironmentReader([
      "S": "hello", "I": "42", "NEG": "-3", "B1": "TRUE", "B2": "off", "B3": "1",
      "D1": "250ms", "D2": "5s", "D3": "2m", "D4": "1h", "E": "RED",
    ])
    #expect(env.string("S", default: "") == "hello")
    #expect(try env.requiredString("S") == "hello")
    #expect(try env.int("I", default: 0, range: 0...100) == 42)
    #expect(try env.int("NEG", default: 0) == -3)
    #expect(try env.bool("B1", default: false) == true)
    #expect(try env.bool("B2", default: true) == false)
    #expect(try env.bool("B3", default: false) == true)
    #expect(try env.duration("D1", default: .zero) == .milliseconds(250))
    #expect(try env.duration("D2", default: .zero) == .seconds(5))
    #expect(try env.duration("D3", default: .zero) == .seconds(120))
    #expect(try env.duration("D4", default: .zero) == .seconds(3600))
    #expect(try env.enumeration("E", default: Colour.green) == .red)
  }

  @Test(
    "malformed values throw an error naming the variable and what is expected",
    arguments: [
      ("PORT", "eighty", "an integer"),
      ("RANGED", "70000", "an integer from 0 to 65535"),
      ("FLAG", "maybe", "true or false"),
      ("GRACE", "5 parsecs", "a duration"),
      ("GRACE", "17", "a duration"),
      ("COLOUR", "blue", "one of: red, green"),
    ])
  func malformed(variable: String, value: String, expected: String) {
    let env = EnvironmentReader([variable: value])
    let error = #expect(throws: ConfigurationError.self) {
      switch variable {
      case "PORT": _ = try env.int(variable, default: 1)
      case "RANGED": _ = try env.int(variable, default: 1, range: 0...65535)
      case "FLAG": _ = try env.bool(variable, default: true)
      case "GRACE": _ = try env.duration(variable, default: .seconds(1))
      default: _ = try env.enumeration(variable, default: Colour.red)
      }
    }
    #expect(error?.variable == variable)
    #expect(error?.reason == .malformed)
    #expect(error?.description.contains(variable) == true)
    #expect(error?.description.contains(expected) == true)
    #expect(error?.description.contains(value) == false)
  }

  @Test("a missing required value names the variable")
  func missingRequired() {
    let env = EnvironmentReader([:])
    let error = #expect(throws: ConfigurationError.self) { try env.requiredString("RJHUB_X") }
    #expect(error?.reason == .missing)
    #expect(error?.description.contains("RJHUB_X") == true)
  }

  @Test("a secret comes from NAME, or from the file NAME_FILE names, trimmed")
  func secrets() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-secret-\(UUID().uuidString)")
    try "  file-secret-value\n".write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }

    let direct = EnvironmentReader(["DB_PASSWORD": "direct-secret"])
    #expect(try direct.secret("DB_PASSWORD").value == "direct-secret")

    let fromFile = EnvironmentReader([
      "DB_PASSWORD": "ignored", "DB_PASSWORD_FILE": file.path,
    ])
    let secret = try fromFile.secret("DB_PASSWORD")
    #expect(secret.value == "file-secret-value")
    #expect("\(secret)" == "<redacted>")
    #expect(String(reflecting: secret).contains("file-secret-value") == false)
  }

  @Test("secret errors name the variable and never contain the secret")
  func secretErrors() throws {
    let missing = #expect(throws: ConfigurationError.self) {
      try EnvironmentReader([:]).secret("DB_PASSWORD")
    }
    #expect(missing?.description.contains("DB_PASSWORD") == true)

    let unreadable = #expect(throws: ConfigurationError.self) {
      try EnvironmentReader(["DB_PASSWORD_FILE": "/nonexistent/rjhub/secret"]).secret(
        "DB_PASSWORD")
    }
    #expect(unreadable?.variable == "DB_PASSWORD_FILE")
    #expect(unreadable?.reason == .unreadableFile)

    let empty = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-empty-\(UUID().uuidString)")
    try "\n".write(to: empty, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: empty) }
    let emptyError = #expect(throws: ConfigurationError.self) {
      try EnvironmentReader(["TOKEN_FILE": empty.path]).secret("TOKEN")
    }
    #expect(emptyError?.variable == "TOKEN_FILE")

    // A secret that is set correctly but is read as a malformed number is not echoed either.
    let misuse = #expect(throws: ConfigurationError.self) {
      try EnvironmentReader(["API_KEY": "s3cr3t-value"]).int("API_KEY", default: 0)
    }
    #expect(misuse?.description.contains("s3cr3t-value") == false)
  }

  @Test("durations print in the notation they are read in")
  func durationFormat() {
    #expect(DurationText.format(.seconds(30)) == "30s")
    #expect(DurationText.format(.milliseconds(250)) == "250ms")
    #expect(DurationText.format(.seconds(120)) == "2m")
    #expect(DurationText.format(.seconds(7200)) == "2h")
  }
}
