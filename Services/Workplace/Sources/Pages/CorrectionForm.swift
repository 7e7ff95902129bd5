import Foundation
import ServiceRuntime

/// A rejected referral's body as a form: one text input per leaf of the JSON, named by its JSON
/// pointer (`/victim/name`, `/offences/0/code`), with a type field per leaf so numbers and
/// booleans go back as numbers and booleans, and each of intake's errors beside the field of
/// its pointer. Sending the form rebuilds the JSON: numeric pointer segments build arrays; a
/// blank input is left out, so intake says in its own words what is required.
enum CorrectionForm {
  /// The JSON type a leaf is sent as.
  enum LeafType: String, CaseIterable, Sendable {
    case string, number, boolean, null
    /// An empty array or object, kept as it was (it has no input of its own).
    case emptyArray = "empty-array"
    case emptyObject = "empty-object"

    /// How the type select names it.
    var label: String {
      switch self {
      case .string: "Text"
      case .number: "Number"
      case .boolean: "True or false"
      case .null: "Nothing (null)"
      case .emptyArray: "Empty list"
      case .emptyObject: "Empty group"
      }
    }
  }

  /// One leaf: its pointer, its type and its text as shown in the input.
  struct Leaf: Equatable, Sendable {
    var pointer: String
    var type: LeafType
    var text: String

    /// The JSON the leaf sends; nil when blank (left out). Text that is not of the leaf's
    /// type goes as a string, so intake names the problem (`invalid-type`).
    var value: JSONValue? {
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      switch type {
      case .emptyArray: return trimmed.isEmpty ? .array([]) : .string(text)
      case .emptyObject: return trimmed.isEmpty ? .object([:]) : .string(text)
      case .null: return trimmed.isEmpty ? .null : .string(text)
      case _ where trimmed.isEmpty: return nil
      case .number:
        return isJSONNumber(trimmed) ? Double(trimmed).map(JSONValue.number) : .string(trimmed)
      case .boolean:
        switch trimmed.lowercased() {
        case "true", "yes": return .bool(true)
        case "false", "no": return .bool(false)
        default: return .string(trimmed)
        }
      default: return .string(text)
      }
    }
  }

  // MARK: Flattening

  /// Every leaf of `json`, in pointer order (keys sorted, array elements by index).
  static func leaves(of json: JSONValue, at pointer: String = "") -> [Leaf] {
    switch json {
    case .object(let members):
      if members.isEmpty {
        return pointer.isEmpty ? [] : [Leaf(pointer: pointer, type: .emptyObject, text: "")]
      }
      return members.keys.sorted().flatMap {
        leaves(of: members[$0]!, at: pointer + "/" + escape($0))
      }
    case .array(let elements):
      if elements.isEmpty { return [Leaf(pointer: pointer, type: .emptyArray, text: "")] }
      return elements.enumerated().flatMap { leaves(of: $1, at: "\(pointer)/\($0)") }
    case .string(let text): return [Leaf(pointer: pointer, type: .string, text: text)]
    case .number(let number):
      return [Leaf(pointer: pointer, type: .number, text: numberText(number))]
    case .bool(let flag):
      return [Leaf(pointer: pointer, type: .boolean, text: flag ? "true" : "false")]
    case .null: return [Leaf(pointer: pointer, type: .null, text: "")]
    }
  }

  /// The leaves a person sent back: every pointer field (`/…`) with its type (`type:/…`), in the
  /// order of the form; strings exactly as typed.
  static func leaves(from form: FormFields) -> [Leaf] {
    var seen: Set<String> = []
    var found: [Leaf] = []
    for (name, _) in form.pairs {
      let pointer = name.hasPrefix("type:") ? String(name.dropFirst(5)) : name
      guard pointer.hasPrefix("/"), seen.insert(pointer).inserted else { continue }
      let type = form.value("type:" + pointer).flatMap(LeafType.init(rawValue:)) ?? .string
      let text = form.pairs.first { $0.0 == pointer }?.1 ?? ""
      found.append(Leaf(pointer: pointer, type: type, text: text))
    }
    return found
  }

  // MARK: Rebuilding

  /// The JSON object `leaves` stand for.
  static func body(of leaves: [Leaf]) -> JSONValue {
    var root = Node.branch([:])
    for leaf in leaves {
      guard let value = leaf.value else { continue }
      root.set(value, at: segments(of: leaf.pointer)[...])
    }
    return root.json
  }

  /// A tree being rebuilt: a value, or members by pointer segment.
  private indirect enum Node {
    case value(JSONValue)
    case branch([String: Node])

    mutating func set(_ value: JSONValue, at path: ArraySlice<String>) {
      guard let first = path.first else {
        if case .branch(let members) = self, !members.isEmpty { return }
        self = .value(value)
        return
      }
      var members: [String: Node]
      if case .branch(let existing) = self { members = existing } else { members = [:] }
      var child = members[first] ?? .branch([:])
      child.set(value, at: path.dropFirst())
      members[first] = child
      self = .branch(members)
    }

    /// The JSON: members whose segments are all numbers become an array, in index order.
    var json: JSONValue {
      switch self {
      case .value(let value): return value
      case .branch(let members):
        let indexed = members.compactMap { key, node in Int(key).map { ($0, node) } }
        if !members.isEmpty, indexed.count == members.count,
          members.keys.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        {
          return .array(indexed.sorted { $0.0 < $1.0 }.map(\.1.json))
        }
        return .object(members.mapValues(\.json))
      }
    }
  }

  // MARK: Pointers

  /// The segments of a JSON pointer, unescaped (`~1` is `/`, `~0` is `~`).
  static func segments(of pointer: String) -> [String] {
    pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }

  /// `key` as a pointer segment.
  static func escape(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  /// Pointer order: segment by segment, array indexes as numbers.
  static func precedes(_ a: String, _ b: String) -> Bool {
    let left = segments(of: a)
    let right = segments(of: b)
    for (x, y) in zip(left, right) where x != y {
      if let i = Int(x), let j = Int(y) { return i < j }
      return x < y
    }
    return left.count < right.count
  }

  /// Whether `text` is a number as JSON writes it (no hex, no infinity).
  static func isJSONNumber(_ text: String) -> Bool {
    text.range(
      of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression)
      != nil && Double(text)?.isFinite == true
  }

  /// A number as typed: whole numbers without `.0`.
  static func numberText(_ number: Double) -> String {
    number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : String(number)
  }
}
