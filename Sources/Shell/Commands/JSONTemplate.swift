import DockerAPI

/// `--format` over an engine's raw JSON answer (inspect, info, version), for the Go-template
/// subset people type: `{{.State.Status}}`, `{{.Id}}`, `{{json .Config}}`, `{{index .Labels "k"}}`,
/// `{{len .Mounts}}`, `{{join .Args ","}}`, `{{upper …}}`, `{{lower …}}`, and pipes
/// (`{{.Config.Env | json}}`). `FormatTemplate` renders fixed records (ps, images); these answers
/// are open-ended objects, so fields are paths into the JSON instead.
///
/// A missing key prints `<no value>` as Go does for maps: engines of different versions carry
/// different fields, and one host lacking one is not a failure of the others.
struct JSONTemplate: Sendable {
    /// One `{{…}}` action: a value, then functions applied in turn (`.A | json` is `json .A`).
    struct Action: Sendable {
        var path: [String]
        var extra: String?
        var functions: [String]
    }

    enum Piece: Sendable {
        case text(String)
        case action(Action)
    }

    static let functions: Set<String> = ["json", "upper", "lower", "len", "index", "join"]
    let pieces: [Piece]

    init(_ source: String) throws(ShellUsageError) {
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ShellUsageError("--format: template: unclosed action in \"\(source)\"")
            }
            var body = rest[open.upperBound..<close.lowerBound]
            if body.hasPrefix("-") { body = body.dropFirst() }
            if body.hasSuffix("-") { body = body.dropLast() }
            pieces.append(.action(try Self.action(String(body))))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    private static func action(_ body: String) throws(ShellUsageError) -> Action {
        let stages = body.split(separator: "|").map { Self.words(String($0)) }
        guard let first = stages.first, !first.isEmpty else { throw unsupported(body) }
        var functions: [String] = []
        var operands = first
        // `json .A`, `index .A "k"`, `join .A ","`: a leading function takes the path next to it.
        if let name = first.first, isFunction(name) {
            functions.append(name)
            operands = Array(first.dropFirst())
        }
        guard let path = operands.first, path.hasPrefix(".") else { throw unsupported(body) }
        let extra = operands.count > 1 ? operands[1] : nil
        if operands.count > 2 || (extra != nil && functions != ["index"] && functions != ["join"]) { throw unsupported(body) }
        for stage in stages.dropFirst() {
            guard stage.count == 1, let name = stage.first, isFunction(name), name != "index", name != "join" else {
                throw unsupported(body)
            }
            functions.append(name)
        }
        if (functions.first == "index" || functions.first == "join") && extra == nil { throw unsupported(body) }
        let parts = path == "." ? [] : path.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw unsupported(body) }
        return Action(path: parts, extra: extra.map(unquote), functions: functions)
    }

    private static func isFunction(_ name: String) -> Bool { functions.contains(name) }

    /// Splits at spaces outside double quotes.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func unquote(_ word: String) -> String {
        word.count >= 2 && word.hasPrefix("\"") && word.hasSuffix("\"") ? String(word.dropFirst().dropLast()) : word
    }

    private static func unsupported(_ body: String) -> ShellUsageError {
        ShellUsageError("--format: template: unsupported action {{\(body)}} (dmux supports .Path.To.Field, json, index, len, join, upper, lower and |)")
    }

    /// The template applied to `root`.
    func render(_ root: JSONValue) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .action(let action): out += Self.evaluate(action, root)
            }
        }
        return out
    }

    private static func evaluate(_ action: Action, _ root: JSONValue) -> String {
        var value: JSONValue? = root
        for key in action.path { value = value?[key] }
        guard var current = value else { return "<no value>" }
        var text: String?
        for function in action.functions {
            switch function {
            case "json": text = current.compact
            case "len":
                switch current {
                case .array(let items): text = String(items.count)
                case .object(let members): text = String(members.count)
                default: text = String((current.text ?? "").count)
                }
            case "index":
                let key = action.extra ?? ""
                if case .array(let items) = current, let position = Int(key), items.indices.contains(position) {
                    current = items[position]
                } else if let member = current[key] {
                    current = member
                } else {
                    return ""  // Go's index yields the element's zero value for a missing key
                }
                text = nil
            case "join":
                guard case .array(let items) = current else { return goText(current) }
                text = items.map(goText).joined(separator: action.extra ?? "")
            case "upper": text = (text ?? goText(current)).uppercased()
            case "lower": text = (text ?? goText(current)).lowercased()
            default: break
            }
        }
        return text ?? goText(current)
    }

    /// A value as Go's `%v` prints it: scalars as text, arrays as `[a b]`, objects as `map[k:v]`.
    static func goText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .array(let items): return "[" + items.map(goText).joined(separator: " ") + "]"
        case .object(let members):
            return "map[" + members.sorted { $0.0 < $1.0 }.map { "\($0.0):\(goText($0.1))" }.joined(separator: " ") + "]"
        default: return value.text ?? ""
        }
    }
}
