import Foundation
import Hummingbird

/// JSON response bodies of the services' HTTP APIs, with one encoding everywhere (sorted
/// keys, RFC 3339 dates), so that clients see the same shapes from every service.
public enum JSONResponse {
  /// The one encoder of the APIs.
  public static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }()

  /// A response with `status` and `value` as its JSON body.
  public static func make(status: HTTPResponse.Status, _ value: some Encodable) throws
    -> Response
  {
    let data = try encoder.encode(value)
    return Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
