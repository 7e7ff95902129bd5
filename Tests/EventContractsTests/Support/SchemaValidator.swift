import Foundation
import TestSupport

/// Validates JSON instances against the published schemas with python3-jsonschema's
/// Draft202012Validator, format checking on (date, date-time, email, uuid) and `$ref`s between
/// the files of docs/events resolved locally.
enum SchemaValidator {
  /// The validation errors of each instance, in order ("/path: message"); empty when valid.
  static func errors(schemaFile: URL, instances: [[UInt8]]) throws -> [[String]] {
    var request: [UInt8] = Array("[".utf8)
    for (index, instance) in instances.enumerated() {
      if index > 0 { request.append(UInt8(ascii: ",")) }
      request += instance
    }
    request.append(UInt8(ascii: "]"))
    let output = try PythonTool.run(
      script: script, arguments: [schemaFile.path], input: request)
    return try JSONDecoder().decode([[String]].self, from: Data(output))
  }

  /// The errors of one instance.
  static func errors(schemaFile: URL, instance: [UInt8]) throws -> [String] {
    try errors(schemaFile: schemaFile, instances: [instance]).first ?? []
  }

  private static let script = #"""
    import json, os, re, sys, datetime, warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import jsonschema
        from jsonschema import Draft202012Validator
    except ImportError:
        sys.exit("python3-jsonschema is not installed for /usr/bin/python3: "
                 "apt-get install -y python3-jsonschema")

    schema_path = os.path.abspath(sys.argv[1])
    folder = os.path.dirname(schema_path)
    store = {}
    for name in os.listdir(folder):
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                store["file://" + os.path.join(folder, name)] = json.load(f)
    schema = store["file://" + schema_path]
    Draft202012Validator.check_schema(schema)

    checker = jsonschema.FormatChecker()
    RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$")

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value):
        if not isinstance(value, str):
            return True
        m = RFC3339.match(value)
        if not m:
            raise ValueError("not an RFC 3339 date-time")
        datetime.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]))
        if m[9] is not None and (int(m[9]) > 23 or int(m[10]) > 59):
            raise ValueError("bad offset")
        return True

    DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        m = DATE.match(value)
        if not m:
            raise ValueError("not a YYYY-MM-DD date")
        datetime.date(int(m[1]), int(m[2]), int(m[3]))
        return True

    for required in ("date", "email", "uuid", "date-time"):
        if required not in checker.checkers:
            sys.exit("format checker for %r is missing in this jsonschema" % required)

    resolver = jsonschema.RefResolver(base_uri="file://" + schema_path, referrer=schema, store=store)
    validator = Draft202012Validator(schema, resolver=resolver, format_checker=checker)
    instances = json.load(sys.stdin)
    result = []
    for instance in instances:
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        result.append(["/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message
                       for e in errors])
    json.dump(result, sys.stdout)
    """#
}
