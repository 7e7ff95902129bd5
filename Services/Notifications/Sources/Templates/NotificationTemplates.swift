import EventContracts
import Foundation
import Mustache

/// A notification's text in one language: what an email's subject and body, or a letter's
/// heading and body, say.
struct RenderedNotification: Sendable, Equatable {
  /// The subject line (the heading of a letter).
  var subject: String
  /// The body, plain text with `\n` line endings.
  var body: String
  /// The language it is written in (BCP 47), after fallback.
  var language: String
}

/// Renders notifications from the templates compiled once at start-up, one per
/// ``NotificationPurpose`` and language. A language without templates falls back to its base
/// language (`cy-GB` to `cy`), then to English; today every notification is in English.
struct NotificationTemplates: Sendable {
  /// The language used when the requested one has no templates.
  static let fallbackLanguage = "en"

  /// One purpose's templates in one language.
  struct Compiled: Sendable {
    var subject: MustacheTemplate
    var body: MustacheTemplate
  }

  /// Templates by language, then purpose.
  let templates: [String: [NotificationPurpose: Compiled]]

  /// Compiles every template; throws only if one does not parse (a programming error, which
  /// the tests catch).
  init() throws {
    var english: [NotificationPurpose: Compiled] = [:]
    for purpose in NotificationPurpose.allCases {
      let source = EnglishTemplates.source(for: purpose)
      english[purpose] = Compiled(
        subject: try Self.compile(source.subject), body: try Self.compile(source.body))
    }
    templates = [Self.fallbackLanguage: english]
  }

  /// Compiles `source` as plain text (no HTML escaping).
  static func compile(_ source: String) throws -> MustacheTemplate {
    try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
  }

  /// The language whose templates serve a request for `language`.
  func resolvedLanguage(_ language: String?) -> String {
    guard let requested = language?.lowercased(), !requested.isEmpty else {
      return Self.fallbackLanguage
    }
    if templates[requested] != nil { return requested }
    if let base = requested.split(separator: "-").first.map(String.init),
      templates[base] != nil
    {
      return base
    }
    return Self.fallbackLanguage
  }

  /// `purpose`'s text in `language` (or its fallback), filled with `values`, the case id
  /// and the recipient's name. Missing values leave out the sentence part that uses them.
  func render(
    _ purpose: NotificationPurpose, language: String?, values: [String: String],
    caseId: String?, recipientName: String?
  ) -> RenderedNotification {
    let language = resolvedLanguage(language)
    guard let compiled = templates[language]?[purpose] ?? templates[Self.fallbackLanguage]?[purpose]
    else {
      preconditionFailure("no \(Self.fallbackLanguage) template for \(purpose.rawValue)")
    }
    var context = values.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
    if context["caseId"] == nil, let caseId, !caseId.isEmpty { context["caseId"] = caseId }
    if let name = recipientName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
      context["recipientName"] = name
    }
    return RenderedNotification(
      subject: MailHeaderText.oneLine(compiled.subject.render(context)),
      body: compiled.body.render(context), language: language)
  }
}
