import ServiceRuntime
import Testing

/// The one reader of JSON request bodies: every problem at once, each at its JSON Pointer
/// with a code, no coercion between types, and never the value sent in a message.
@Suite("Request fields")
struct RequestFieldsTests {
  enum Colour: String, CaseIterable, Hashable { case red, green }

  func read(_ json: String, _ body: (inout RequestFields) -> Void) throws -> [String] {
    var fields = try RequestFields.parse(Array(json.utf8))
    body(&fields)
    return fields.problems.map { "\($0.path) \($0.code)" }
  }

  @Test("a body that is not a JSON object is malformed")
  func malformed() {
    for body in ["", "[1]", "not json", "\"text\""] {
      #expect(throws: RequestValidationFailure.self) { try RequestFields.parse(Array(body.utf8)) }
    }
  }

  @Test("every problem is reported at its pointer, nested lists and objects included")
  func everyProblem() throws {
    let problems = try read(
      #"{"colour":"blue","colours":["red","red",3],"flag":1,"count":2.5,"name":" ","items":[{"colour":7},{}],"inner":{"count":"x"}}"#
    ) { fields in
      _ = fields.choice("colour", Colour.self)
      _ = fields.choices("colours", Colour.self)
      _ = fields.flag("flag", default: false)
      _ = fields.wholeNumber("count", in: 1...5)
      _ = fields.text("name", required: true)
      _ = fields.objects("items") { item in item.choice("colour", Colour.self) }
      _ = fields.object("inner") { inner in inner.wholeNumber("count", in: 1...5) }
      _ = fields.text("missing", maxLength: 10)
    }
    #expect(
      problems == [
        "/colour invalid-value", "/colours/1 repeated", "/colours/2 invalid-value",
        "/flag invalid-type", "/count invalid-value", "/name required",
        "/items/0/colour invalid-type", "/items/1/colour required", "/inner/count invalid-type",
        "/missing required",
      ])
  }

  @Test("values are read as sent: booleans, numbers, trimmed text, optional fields absent")
  func values() throws {
    var fields = try RequestFields.parse(
      Array(#"{"on":true,"n":3,"text":"  hello  ","blank":"  ","c":"green","cs":["red"]}"#.utf8))
    #expect(fields.flag("on", default: false) == true)
    #expect(fields.flag("absent", default: true) == true)
    #expect(fields.wholeNumber("n", in: 1...5) == 3)
    #expect(fields.wholeNumber("absent", in: 1...5, required: false) == nil)
    #expect(fields.text("text") == "hello")
    #expect(fields.text("blank") == nil)
    #expect(fields.choice("c", Colour.self) == .green)
    #expect(fields.choice("absent", Colour.self, required: false) == nil)
    #expect(fields.choices("cs", Colour.self) == [.red])
    #expect(fields.problems.isEmpty)
    #expect(throws: Never.self) { try fields.finish() }
  }
}
