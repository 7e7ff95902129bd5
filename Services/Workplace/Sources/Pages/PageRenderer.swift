import AccessControl
import Foundation
import Mustache

/// Renders the workplace's pages from the mustache templates in `Resources/templates`
/// (`{{ }}` escapes HTML), adding what every page has: the signed-in person, the navigation
/// their roles allow, the sign-out form with its CSRF token.
public struct PageRenderer: Sendable {
  let library: MustacheLibrary

  /// The renderer over the templates shipped with the workplace.
  public static func bundled() async throws -> PageRenderer {
    guard let folder = resources?.appendingPathComponent("templates") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return PageRenderer(library: try await MustacheLibrary(directory: folder.path))
  }

  /// The folder of templates and the stylesheet, copied into the workplace's resource bundle.
  static let resources = Bundle.module.url(forResource: "Resources", withExtension: nil)

  /// The stylesheet every page links to.
  static let stylesheet: String = {
    guard let url = resources?.appendingPathComponent("workplace.css"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return "" }
    return text
  }()

  /// `template` with `context`, inside the layout for `signedIn` (nil before sign-in);
  /// `section` marks the navigation item of the page.
  func render(
    _ template: String, _ context: [String: Any], signedIn: SignedIn?, section: String? = nil
  ) -> String {
    var values = context
    if let signedIn {
      values["signedIn"] = [
        "name": signedIn.session.displayName, "csrfToken": signedIn.session.csrfToken,
        "roleNames": signedIn.caller.roles.map(\.rawValue).sorted().joined(separator: ", "),
      ]
      values["navigation"] = Navigation.items(for: signedIn.caller).map {
        ["href": $0.href, "label": $0.label, "active": $0.section == section]
      }
    }
    if let errors = values["errors"] as? [Any], !errors.isEmpty { values["hasErrors"] = true }
    return library.render(values, withTemplate: template)
      ?? "<!DOCTYPE html><title>Page missing</title><p>The page \(template) is missing."
  }
}

/// The workplace's sections, each shown only to the roles whose work it is.
enum Navigation {
  struct Item {
    var section: String
    var href: String
    var label: String
  }

  /// The sections `caller` may open, in the order of a day's work.
  static func items(for caller: AccessToken) -> [Item] {
    let roles = caller.roles
    var items: [Item] = []
    let staff = !roles.isDisjoint(with: [.caseWorker, .supervisor])
    if staff || roles.contains(.facilitator) {
      items.append(Item(section: "my-work", href: "/my-work", label: "My work"))
    }
    if staff || roles.contains(.administrator) {
      items.append(Item(section: "referrals", href: "/referrals", label: "New referrals"))
    }
    if roles.contains(.supervisor) {
      items.append(Item(section: "supervisor", href: "/supervisor", label: "Supervisor"))
    }
    if !roles.isDisjoint(with: [.administrator, .supervisor]) {
      items.append(Item(section: "facilitators", href: "/facilitators", label: "Facilitators"))
    }
    if staff { items.append(Item(section: "search", href: "/search", label: "Search")) }
    if !roles.isDisjoint(with: [.commissioner, .supervisor, .administrator]) {
      items.append(Item(section: "figures", href: "/figures", label: "Figures"))
    }
    return items
  }
}
