import AccessControl
import ArgumentParser
import Foundation
import HubConfiguration
import ServiceRuntime

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `rjhub facilitators add FILE`: registers facilitators (a JSON array of the bodies
/// `POST /facilitators` takes, such as `compose/demo/facilitators.json`) with
/// facilitator-matching, as an administrator. Registering is an upsert by facilitator id, so
/// a seed can be applied again. The token is minted with `RJHUB_JWT_HS256_KEY` for the areas
/// the file names.
struct FacilitatorsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "facilitators",
    abstract: "Manage the facilitator register.",
    subcommands: [Add.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register or update the facilitators in a JSON file (an array of bodies).")

    @Argument(help: "A JSON file holding an array of facilitator bodies.")
    var file: String
    @Option(help: "facilitator-matching's base URL.")
    var url = "http://127.0.0.1:8083"
    @Option(
      help:
        "A day (YYYY-MM-DD) given as lastSupervisionOn to entries that have none, for demo and bulk loads whose supervision records are kept elsewhere."
    )
    var lastSupervisionOn: String?

    func run() async throws {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      guard let bodies = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
        throw ValidationError("\(file) must hold a JSON array of facilitator objects")
      }
      let areas = Set(bodies.flatMap { ($0["areas"] as? [String]) ?? [] })
      let settings = try AccessControlSettings(environment: EnvironmentReader())
      let token = try await TokenIssuer(signingKey: try settings.requireSharedKey().value).issue(
        subject: "rjhub-cli", roles: [.administrator], areas: areas, lifetime: .seconds(300))
      var failures = 0
      for (index, given) in bodies.enumerated() {
        var body = given
        if body["lastSupervisionOn"] == nil, let lastSupervisionOn {
          body["lastSupervisionOn"] = lastSupervisionOn
        }
        var request = URLRequest(url: URL(string: url + "/facilitators")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (reply, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let id = body["facilitatorId"] as? String ?? "entry \(index)"
        if (200..<300).contains(status) {
          print("registered \(id)")
        } else {
          failures += 1
          print("refused \(id): HTTP \(status) \(String(decoding: reply, as: UTF8.self))")
        }
      }
      if failures > 0 { throw ExitCode.failure }
    }
  }
}
