import Core

extension TemplateValue {
    /// The value as `{{.}}` prints it: Go's `fmt.Fprint` (`%v`), with `<no value>` for a missing key.
    public var printed: String {
        switch self {
        case .missing: "<no value>"
        case .null: "<nil>"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .float(let value): GoFloat.formatG(value)
        case .string(let value): value
        case .list(let items): "[" + items.map(\.printed).joined(separator: " ") + "]"
        case .map: "map[" + sortedMembers.map { $0.key + ":" + $0.value.printed }.joined(separator: " ") + "]"
        case .record(let record): record.jsonText
        }
    }

    /// docker's `json` function: `encoding/json` without HTML escaping (cli/templates/templates.go).
    public var jsonText: String {
        var out = ""
        writeJSON(into: &out)
        return out
    }

    private func writeJSON(into out: inout String) {
        switch self {
        case .missing, .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .float(let value): out += GoFloat.json(value)
        case .string(let value): out += GoJSON.quote(value, htmlSafe: false)
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeJSON(into: &out)
            }
            out += "]"
        case .map(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                out += GoJSON.quote(member.key, htmlSafe: false) + ":"
                member.value.writeJSON(into: &out)
            }
            out += "}"
        case .record(let record): out += record.jsonText
        }
    }
}
