import AccessControl
import ArgumentParser
import HubConfiguration
import ServiceRuntime

/// `rjhub token`: mints a signed access token for local development and demos, with the key in
/// `RJHUB_JWT_HS256_KEY` (or `RJHUB_JWT_HS256_KEY_FILE`), the one the services verify with.
///
/// Prints only the token, so it can be captured:
/// `TOKEN=$(rjhub token --subject cw-1 --role case-worker --area norfolk)`.
struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token",
    abstract: "Mint a development access token signed with RJHUB_JWT_HS256_KEY.")

  @Option(help: "The caller's identifier (sub); an id, never a name or email.")
  var subject: String
  @Option(name: .customLong("role"), help: "A role to grant; repeat for several.")
  var roles: [Role] = []
  @Option(name: .customLong("area"), help: "An area whose cases the caller may see; repeatable.")
  var areas: [String] = []
  @Option(help: "The referring agency or force the caller acts for.")
  var agency: String?
  @Option(help: "The facilitator register id, for a facilitator.")
  var facilitatorId: String?
  @Option(help: "How long the token is valid, such as 15m or 8h.")
  var lifetime = "1h"

  func validate() throws {
    if roles.isEmpty { throw ValidationError("give at least one --role") }
    if try parsedLifetime() <= .zero { throw ValidationError("--lifetime must be above zero") }
  }

  func run() async throws {
    let settings = try AccessControlSettings(environment: EnvironmentReader())
    let issuer = TokenIssuer(signingKey: try settings.requireSharedKey().value)
    let token = try await issuer.issue(
      subject: subject, roles: Set(roles), areas: Set(areas), agency: agency,
      facilitatorId: facilitatorId, lifetime: try parsedLifetime())
    print(token)
  }

  /// `--lifetime` as a duration, read with the same notation as configuration durations.
  private func parsedLifetime() throws -> Duration {
    do {
      return try EnvironmentReader(["--lifetime": lifetime]).duration(
        "--lifetime", default: .seconds(3600))
    } catch {
      throw ValidationError("--lifetime must be a duration such as 15m, 8h or 90s")
    }
  }
}

extension Role: ExpressibleByArgument {}
