import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where ``JSONLogHandler`` sends its lines: standard output in a service, a collector in tests.
public struct JSONLogSink: Sendable {
  /// Receives one complete JSON object, without the trailing newline.
  public let write: @Sendable (String) -> Void

  /// Creates a sink that hands each line to `write`.
  public init(_ write: @escaping @Sendable (String) -> Void) {
    self.write = write
  }

  /// Writes each line plus a newline to standard output with a single `write(2)` under a
  /// process-wide lock, so lines from concurrent tasks never interleave.
  public static let standardOutput = JSONLogSink { line in
    StandardOutputWriter.shared.writeLine(line)
  }
}

/// Serialises unbuffered writes to file descriptor 1.
final class StandardOutputWriter: Sendable {
  static let shared = StandardOutputWriter()

  private let lock = Mutex(())

  func writeLine(_ line: String) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    lock.withLock { _ in
      bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
          let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
          if written > 0 {
            offset += written
          } else if written < 0 && errno == EINTR {
            continue
          } else {
            return
          }
        }
      }
    }
  }
}
