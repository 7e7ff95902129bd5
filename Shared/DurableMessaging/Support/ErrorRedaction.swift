import AMQPClient
import EventContracts
import PostgresClient

/// An error whose description is known to carry no personal data, and may therefore go into
/// logs, metrics and dead-letter reasons.
public protocol RedactedError: Error {
  /// What went wrong, naming fields and codes but never their values.
  var redactedDescription: String { get }
}

/// Turns any error into text safe to log or to store with a dead letter.
///
/// Only errors of this project's own types, whose messages are written never to echo
/// values, are described in full; PostgreSQL errors are reduced to their SQLSTATE and
/// constraint (the server's message can quote a value); anything else is named by its type.
public enum ErrorRedaction {
  /// A description of `error` that carries no personal data.
  public static func describe(_ error: any Error) -> String {
    switch error {
    case let error as any RedactedError:
      return error.redactedDescription
    case let error as PostgresError:
      if let state = error.sqlState {
        if case .server(_, _, let constraint?) = error {
          return "database error SQLSTATE \(state) on constraint \(constraint)"
        }
        return "database error SQLSTATE \(state)"
      }
      return "database unavailable (\(error.isTransient ? "transient" : "permanent"))"
    case let error as EventDecodingError:
      return error.description
    case let error as AMQPError:
      return error.description
    case is CancellationError:
      return "cancelled"
    default:
      return "error of type \(String(reflecting: type(of: error)))"
    }
  }
}
