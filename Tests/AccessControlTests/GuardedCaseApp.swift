import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A tiny real Hummingbird application with routes behind an ``AccessGate``, the way a hub
/// service guards its API.
///
/// - `GET /areas/{area}/cases` admits case workers and supervisors of that area and answers the
///   caller's subject.
/// - `GET /agencies/{agency}/referrals` admits referrers acting for that agency.
/// - `GET /whoami` admits every role and answers the verified token as JSON.
enum GuardedCaseApp {
  /// The identity fields of a verified token, as `/whoami` answers them.
  struct Caller: ResponseEncodable, Decodable, Equatable {
    var subject: String
    var roles: [String]
    var areas: [String]
    var agency: String?
    var facilitatorId: String?
  }

  /// An HTTP answer reduced to what the tests look at.
  struct Answer: Sendable {
    var status: HTTPResponse.Status
    var challenge: String?
    var body: String

    /// The `error.message` of a Hummingbird error body, or `nil` if the body has none.
    var errorMessage: String? {
      struct ErrorBody: Decodable {
        struct Inner: Decodable { var message: String }
        var error: Inner
      }
      return try? JSONDecoder().decode(ErrorBody.self, from: Data(body.utf8)).error.message
    }
  }

  static func make(gate: AccessGate) -> some ApplicationProtocol {
    let router = Router()
    router.get("/areas/{area}/cases") { request, context -> String in
      let caller = try await gate.authorize(request, roles: [.caseWorker, .supervisor])
      try caller.requireArea(try context.parameters.require("area"))
      return caller.subject
    }
    router.get("/agencies/{agency}/referrals") { request, context -> String in
      let caller = try await gate.authorize(request, roles: [.referrer])
      try caller.requireAgency(try context.parameters.require("agency"))
      return caller.subject
    }
    router.get("/whoami") { request, _ -> Caller in
      let caller = try await gate.authorize(request, roles: Set(Role.allCases))
      return Caller(
        subject: caller.subject,
        roles: Role.allCases.filter(caller.roles.contains).map(\.rawValue),
        areas: caller.areas.sorted(), agency: caller.agency, facilitatorId: caller.facilitatorId)
    }
    return Application(router: router)
  }

  /// Sends `GET uri` to a live server running the app, with `authorization` as the
  /// `Authorization` header when given.
  static func get(
    _ uri: String, authorization: String?, gate: AccessGate
  ) async throws -> Answer {
    var headers: HTTPFields = [:]
    if let authorization { headers[.authorization] = authorization }
    let fields = headers
    return try await make(gate: gate).test(.live) { client in
      try await client.execute(uri: uri, method: .get, headers: fields) { response in
        Answer(
          status: response.status, challenge: response.headers[.wwwAuthenticate],
          body: String(buffer: response.body))
      }
    }
  }

  /// A fresh random key of 48 bytes, base64: synthetic, never a provisioned one.
  static func randomKey() -> String {
    Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
  }
}
