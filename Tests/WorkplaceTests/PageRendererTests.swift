import Foundation
import Testing

@testable import Workplace

/// The page templates ship with the workplace and every page renders inside the layout.
@Suite struct PageRendererTests {
  @Test func theBundledTemplatesRender() async throws {
    let pages = try await PageRenderer.bundled()
    let html = pages.render(
      "refusal", ["pageTitle": "T", "heading": "Heading here", "reason": "R <b>"], signedIn: nil)
    #expect(html.contains("Heading here"))
    #expect(html.contains("R &lt;b&gt;"), "text is escaped")
    #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/workplace.css\">"))
    #expect(!PageRenderer.stylesheet.isEmpty)
  }
}
