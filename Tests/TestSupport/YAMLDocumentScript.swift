/// The Python the document tests start with: loads the YAML file named by the first argument
/// into `doc` (python3-yaml, a real YAML parser), and defines `refs(node)` (every `$ref` in
/// it) and `follow(node, pointer)` (whether a JSON pointer resolves in `node`).
public enum YAMLDocumentScript {
  /// The prelude itself; a script appends its own statements.
  public static let prelude = #"""
    import json, os, sys
    try:
        import yaml
    except ImportError:
        sys.exit("python3-yaml is not installed for /usr/bin/python3: apt-get install -y python3-yaml")
    with open(sys.argv[1]) as f:
        doc = yaml.safe_load(f)

    def refs(node, found=None):
        found = [] if found is None else found
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    found.append(value)
                else:
                    refs(value, found)
        elif isinstance(node, list):
            for value in node:
                refs(value, found)
        return found

    def follow(node, pointer):
        for part in [p for p in pointer.lstrip("#").lstrip("/").split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    """#
}
