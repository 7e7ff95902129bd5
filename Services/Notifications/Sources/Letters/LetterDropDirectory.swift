import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The print provider's spool: the folder (`RJHUB_LETTER_DROP_DIR`) each letter is written
/// into as one PDF named by its notification id, never by the person
/// (``fileName(notificationId:)``).
///
/// A file appears whole or not at all: it is written under a hidden temporary name (a dot,
/// then `.partial`), flushed to disk (`fsync`), renamed to its final name, and the folder
/// flushed too, so a provider collecting `*.pdf` never reads half a letter and a crash never
/// leaves one. Writing a letter again replaces its file (the rename), so a retried hand-over
/// still leaves one file per letter. The folder and files are readable by their owner only
/// (0700, 0600): they hold personal data until the provider collects them.
struct LetterDropDirectory: Sendable {
  /// The folder.
  let folder: URL

  /// The drop at `path`.
  init(path: String) {
    folder = URL(fileURLWithPath: path, isDirectory: true)
  }

  /// The file name of notification `notificationId`'s letter: the id with every character
  /// other than ASCII letters, digits, `-` and `_` percent-encoded (a `/` as `%2F`), then
  /// `.pdf`, so `case-1/victim-rj-information` is `case-1%2Fvictim-rj-information.pdf`.
  static func fileName(notificationId: String) -> String {
    var name = ""
    for byte in notificationId.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
        name.append(Character(UnicodeScalar(byte)))
      default:
        name += String(format: "%%%02X", byte)
      }
    }
    return name + ".pdf"
  }

  /// The notification id a file name of ``fileName(notificationId:)`` stands for, or nil.
  static func notificationId(fileName: String) -> String? {
    guard fileName.hasSuffix(".pdf") else { return nil }
    return String(fileName.dropLast(4)).removingPercentEncoding
  }

  /// Creates the folder (and its parents) when missing.
  func prepare() throws {
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }

  /// Writes `bytes` as `name`, atomically and durably (see the type's description).
  func write(_ bytes: [UInt8], named name: String) throws(LetterDropError) {
    let final = folder.appendingPathComponent(name).path
    let temporary = folder.appendingPathComponent(".\(name).\(UUID().uuidString).partial").path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw LetterDropError("open", errno: errno) }
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        unlink(temporary)
        throw LetterDropError("write", errno: code)
      }
      written += result
    }
    guard fsync(descriptor) == 0 else {
      let code = errno
      close(descriptor)
      unlink(temporary)
      throw LetterDropError("fsync", errno: code)
    }
    close(descriptor)
    guard rename(temporary, final) == 0 else {
      let code = errno
      unlink(temporary)
      throw LetterDropError("rename", errno: code)
    }
    let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard directory >= 0 else { throw LetterDropError("open folder", errno: errno) }
    defer { close(directory) }
    guard fsync(directory) == 0 else { throw LetterDropError("fsync folder", errno: errno) }
  }
}

/// Writing into the letter drop failed: the system call and its error, never a path or name.
struct LetterDropError: Error, Sendable, CustomStringConvertible {
  /// The call that failed (`open`, `write`, `fsync`, `rename`).
  var step: String
  /// Its `errno`.
  var code: Int32

  init(_ step: String, errno code: Int32) {
    self.step = step
    self.code = code
  }

  var description: String { "letter drop \(step) failed: \(String(cString: strerror(code)))" }
}
