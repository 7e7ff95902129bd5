import PostgresClient
import Testing

@Suite("Configuration and identifiers")
struct ConfigurationTests {
  @Test("parses a full postgresql:// URL with percent-encoded parts")
  func parsesFullURL() throws {
    let configuration = try PostgresConfiguration(
      url: "postgresql://us%40er:p%3Ass%2Fw%40rd@db.example.org:6543/my%20db?sslmode=disable",
      applicationName: "intake")
    #expect(configuration.username == "us@er")
    #expect(configuration.password == "p:ss/w@rd")
    #expect(configuration.host == "db.example.org")
    #expect(configuration.port == 6543)
    #expect(configuration.database == "my db")
    #expect(configuration.applicationName == "intake")
    #expect(configuration.connectTimeoutSeconds == 5)
    #expect(!configuration.description.contains("p:ss/w@rd"))
  }

  @Test("accepts postgres://, default port, IPv6 hosts and a missing database")
  func parsesShortForms() throws {
    let short = try PostgresConfiguration(url: "postgres://alice@localhost", applicationName: "a")
    #expect(short.port == 5432)
    #expect(short.host == "localhost")
    #expect(short.database == "alice")
    #expect(short.password == "")
    let ipv6 = try PostgresConfiguration(
      url: "postgresql://bob:secret@[::1]:5433/rjhub", applicationName: "a")
    #expect(ipv6.host == "::1")
    #expect(ipv6.port == 5433)
    #expect(ipv6.database == "rjhub")
  }

  @Test("rejects other schemes and bad ports without echoing the URL")
  func rejectsBadURLs() {
    for url in ["mysql://u:topsecret@h/db", "postgresql://u:topsecret@h:99999/db", "postgresql://"]
    {
      do {
        _ = try PostgresConfiguration(url: url, applicationName: "a")
        Issue.record("accepted an invalid URL")
      } catch {
        #expect(!String(describing: error).contains("topsecret"))
      }
    }
  }

  @Test("quotes valid identifiers and rejects everything else")
  func identifiers() throws {
    #expect(try PostgresIdentifier.quoted("outbox_events") == "\"outbox_events\"")
    #expect(try PostgresIdentifier.quoted("_x9") == "\"_x9\"")
    let invalid = [
      "", "9abc", "Upper", "a-b", "a b", "a\"b", "x;drop", String(repeating: "a", count: 64),
    ]
    for name in invalid {
      #expect(throws: PostgresIdentifierError.self) { try PostgresIdentifier.quoted(name) }
      #expect(throws: PostgresIdentifierError.self) { try SchemaName(name) }
    }
    #expect(try PostgresIdentifier.quoted(String(repeating: "a", count: 63)).count == 65)
    let configured = "victim_contact"
    let schema = try SchemaName(configured)
    #expect(schema.name == "victim_contact" && schema.sql == "\"victim_contact\"")
    #expect(schema == "victim_contact", "a literal is checked the same way")
  }

  @Test("classifies transient errors")
  func transientErrors() {
    #expect(PostgresError.connectionLost("x").isTransient)
    #expect(PostgresError.connectionFailed("x").isTransient)
    for state in ["08006", "40001", "40P01", "57P01", "57P02", "57P03", "53300"] {
      #expect(PostgresError.server(sqlState: state, message: "m", constraint: nil).isTransient)
    }
    #expect(!PostgresError.server(sqlState: "23505", message: "m", constraint: nil).isTransient)
    #expect(!PostgresError.closed.isTransient)
    #expect(
      PostgresError.server(sqlState: "23505", message: "m", constraint: "c").sqlState == "23505")
  }
}
