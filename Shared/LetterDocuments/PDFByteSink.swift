import CPangoCairo

/// Collects the bytes Cairo's PDF surface writes (`cairo_pdf_surface_create_for_stream`), so
/// a letter is rendered into memory and never touches the disk unsealed.
///
/// Not `Sendable`: it lives inside one call of ``LetterRenderer/render(_:)``, as do the Cairo
/// objects writing to it.
final class PDFByteSink {
  /// Everything written so far.
  private(set) var bytes: [UInt8] = []

  /// The callback handed to Cairo, with an unretained pointer to a sink as its closure.
  static let write: cairo_write_func_t = { closure, data, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
    if let data, length > 0 {
      sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    }
    return CAIRO_STATUS_SUCCESS
  }

  /// The closure pointer for ``write``; valid while the sink is alive.
  var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
