import EventContracts
import Mustache

/// The printable, accessible HTML page of an area's figures: one table per figure, each with
/// a caption, column headers and row headers, in plain HTML that screen readers and printers
/// handle without scripts or styles they depend on.
struct FiguresPage: Sendable {
  let template: MustacheTemplate

  /// Parses the page's template (a constant, so this only fails if it is edited badly).
  init() throws {
    template = try MustacheTemplate(string: Self.templateText)
  }

  /// The page for `figures`, as HTML text (every value escaped by the template).
  func render(_ figures: AreaFigures) -> String {
    template.render(FiguresPageView(figures))
  }

  /// The template: `{{ }}` escapes HTML.
  static let templateText = """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Restorative justice figures for {{area}}, {{fromText}} to {{toText}} – RJ Hub</title>
    <style>
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto;
      padding: 0 1rem; line-height: 1.5; color: #111; background: #fff; }
    table { border-collapse: collapse; margin: 0 0 2rem; min-width: 22rem; }
    caption { text-align: left; font-weight: bold; font-size: 1.15rem; padding: 0.5rem 0; }
    th, td { border: 1px solid #444; padding: 0.3rem 0.75rem; text-align: left; }
    thead th { background: #eee; }
    .count { text-align: right; font-variant-numeric: tabular-nums; }
    </style>
    </head>
    <body>
    <main>
    <h1>Restorative justice figures for {{area}}</h1>
    <p>Referrals and cases received from <time datetime="{{from}}">{{fromText}}</time> to
    <time datetime="{{to}}">{{toText}}</time>, both days included, on UK time
    (Europe/London). Worked out on <time datetime="{{asOf}}">{{asOfText}}</time>; overdue
    acknowledgements are judged against that day. Each figure is defined in the hub's figures
    guide (docs/figures.md in the RJ Hub repository).</p>
    {{#tables}}
    <table id="{{id}}">
    <caption>{{caption}}</caption>
    <thead>
    <tr><th scope="col">{{heading}}</th><th scope="col" class="count">Number</th></tr>
    </thead>
    <tbody>
    {{#rows}}
    <tr><th scope="row">{{label}}</th><td class="count">{{count}}</td></tr>
    {{/rows}}
    {{^rows}}
    <tr><th scope="row">None</th><td class="count">0</td></tr>
    {{/rows}}
    </tbody>
    </table>
    {{/tables}}
    </main>
    </body>
    </html>

    """
}
