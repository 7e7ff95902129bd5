import HTTPTypes
import Hummingbird

/// A page or redirect as the workplace sends it, with the headers every page needs: no
/// caching (pages hold personal data), a content security policy that allows no script and
/// nothing from elsewhere, no framing, no address sent to another site.
enum HTMLPage {
  /// The content security policy of every page: own stylesheet only, no script at all, forms
  /// only back to the workplace.
  static let contentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  /// `html` with `status`.
  static func response(
    _ html: String, status: HTTPResponse.Status = .ok, cookies: [String] = []
  ) -> Response {
    var headers = securityHeaders
    headers[.contentType] = "text/html; charset=utf-8"
    for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
    return Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
  }

  /// A `303 See Other` to `location` (after a form, the browser then GETs the page).
  static func redirect(to location: String, cookies: [String] = []) -> Response {
    var headers = securityHeaders
    headers[.location] = location
    for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
    return Response(status: .seeOther, headers: headers)
  }

  static var securityHeaders: HTTPFields {
    [
      .cacheControl: "no-store", .contentSecurityPolicy: contentSecurityPolicy,
      HTTPField.Name("X-Content-Type-Options")!: "nosniff",
      // `same-origin`: no address leaves for another site, and forms still carry `Origin`
      // (with `no-referrer` a browser sends `Origin: null`, which the CSRF check refuses).
      HTTPField.Name("Referrer-Policy")!: "same-origin",
      HTTPField.Name("X-Frame-Options")!: "DENY",
    ]
  }
}
