import Foundation
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The local SMTP server infra/smtp.sh runs (`RJHUB_TEST_SMTP_URL`) and the mailbox folder
/// it stores every accepted message in (`RJHUB_TEST_MAILBOX`). Both fail loudly when the
/// server is not set up or not running.
enum SMTPTestServer {
  /// The server's URL, after checking it accepts connections.
  static func url() throws -> String {
    let url = try TestServers.setting(named: "RJHUB_TEST_SMTP_URL")
    guard let components = URLComponents(string: url), let host = components.host,
      let port = components.port
    else { throw TestServersError.missing("RJHUB_TEST_SMTP_URL is not smtp://host:port") }
    guard TCPPort.accepts(host: host, port: port) else {
      throw TestServersError.missing(
        "no SMTP server accepts connections at \(url): run `bash infra/smtp.sh start`")
    }
    return url
  }

  /// The messages in the mailbox whose envelope recipient is `address`.
  static func messages(to address: String) throws -> [StoredEmail] {
    let folder = try TestServers.setting(named: "RJHUB_TEST_MAILBOX")
    guard FileManager.default.fileExists(atPath: folder) else {
      throw TestServersError.missing(
        "the mailbox folder \(folder) does not exist: run `bash infra/smtp.sh start`")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".eml") }.sorted()
    let needle = Array("<\(address)>".utf8)
    return try names.compactMap { name in
      let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
      // Cheap filter before parsing: the address must appear at all.
      guard data.range(of: Data(needle)) != nil else { return nil }
      let email = StoredEmail(data: data)
      return email.headers("Delivered-To").contains("<\(address)>") ? email : nil
    }
  }
}

/// One message as the SMTP server stored it: its (unfolded) headers and its body.
struct StoredEmail: Sendable {
  /// Header names and values, in order.
  var fields: [(name: String, value: String)]
  /// The body, with CRLF line endings.
  var body: String

  /// Parses a stored message file.
  init(data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    var fields: [(name: String, value: String)] = []
    for line in (parts.first ?? "").components(separatedBy: "\r\n") {
      if line.first == " " || line.first == "\t", let last = fields.popLast() {
        fields.append((last.name, last.value + line))
      } else if let colon = line.firstIndex(of: ":") {
        fields.append(
          (
            String(line[..<colon]),
            String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
          ))
      }
    }
    self.fields = fields
    body = parts.dropFirst().joined(separator: "\r\n\r\n")
  }

  /// The body with `format=flowed` soft breaks (a space before the line break) joined back.
  var text: String { Self.unflowed(body) }

  /// `body` with every soft line break (`" \r\n"`) joined back into its paragraph.
  static func unflowed(_ body: String) -> String {
    body.replacingOccurrences(of: " \r\n", with: " ")
  }

  /// Every value of header `name` (case-insensitive).
  func headers(_ name: String) -> [String] {
    fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
  }
}

/// TCP ports on loopback: whether one accepts connections, and one that does not.
enum TCPPort {
  /// Whether something accepts TCP connections at `host`:`port` (IPv4 literal).
  static func accepts(host: String, port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return false }
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// A loopback port nothing listens on: bound to learn a free port, then closed again.
  static func closed() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestServersError.missing("cannot open a socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw TestServersError.missing("cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
