import CPangoCairo

/// One block of text laid out by Pango at a width, as lines that can be placed one by one
/// (so a paragraph can run on to the next page). Owns its `PangoLayout`; not `Sendable`, it
/// lives inside one render call.
final class TextLines {
  /// The Pango layout (a GObject, released in `deinit`).
  let layout: OpaquePointer
  /// Each line's height after leading, in points.
  let heights: [Double]
  /// Each line's baseline below its top, in points.
  let baselines: [Double]

  /// Lays out `text` on `context` in `family` at `size` points (bold when `bold`), wrapped
  /// at `width` points, aligned `alignment`, each line `leading` times the font's height.
  init(
    _ text: String, context: OpaquePointer, family: String, size: Double, bold: Bool = false,
    width: Double, alignment: PangoAlignment = PANGO_ALIGN_LEFT, leading: Double
  ) {
    layout = pango_cairo_create_layout(context)
    let font = pango_font_description_new()
    pango_font_description_set_family(font, family)
    pango_font_description_set_absolute_size(font, size * Double(rjhub_pango_scale))
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
    pango_layout_set_font_description(layout, font)
    pango_font_description_free(font)
    pango_layout_set_width(layout, Int32(width * Double(rjhub_pango_scale)))
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    pango_layout_set_alignment(layout, alignment)
    pango_layout_set_text(layout, text, -1)
    var heights: [Double] = []
    var baselines: [Double] = []
    for index in 0..<pango_layout_get_line_count(layout) {
      var logical = PangoRectangle()
      pango_layout_line_get_extents(
        pango_layout_get_line_readonly(layout, index), nil, &logical)
      let height = Double(logical.height) / Double(rjhub_pango_scale)
      // The extra leading goes above the line, so the first line's top stays where asked.
      heights.append(height * leading)
      baselines.append(height * (leading - 1) - Double(logical.y) / Double(rjhub_pango_scale))
    }
    self.heights = heights
    self.baselines = baselines
  }

  deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

  /// How many lines.
  var count: Int { heights.count }
  /// The height of every line together.
  var totalHeight: Double { heights.reduce(0, +) }

  /// Draws line `index` on `context` with its top at `top`, its layout's left edge at `x`.
  func draw(line index: Int, on context: OpaquePointer, x: Double, top: Double) {
    cairo_move_to(context, x, top + baselines[index])
    pango_cairo_show_layout_line(context, pango_layout_get_line_readonly(layout, Int32(index)))
  }

  /// Draws every line from `top` down; returns the bottom.
  @discardableResult
  func drawAll(on context: OpaquePointer, x: Double, top: Double) -> Double {
    var y = top
    for index in 0..<count {
      draw(line: index, on: context, x: x, top: y)
      y += heights[index]
    }
    return y
  }
}
