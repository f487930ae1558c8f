/// A parsed Go template (text/template/parse/node.go), as plain values.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{pipeline}}`: printed unless it declares variables.
    case action(TemplatePipe)
    /// `{{if}}` and `{{with}}` (`with` also moves dot), with their `{{else}}` part.
    case branch(isWith: Bool, TemplatePipe, body: [TemplateNode], otherwise: [TemplateNode]?)
    case range(TemplatePipe, body: [TemplateNode], otherwise: [TemplateNode]?)
    case breakLoop
    case continueLoop
    /// `{{template "name" pipeline}}`.
    case include(name: String, TemplatePipe?, position: Int)
}

/// `$x := a | b c`: optional declarations, then commands whose values feed the next one's last argument.
struct TemplatePipe: Sendable {
    var declarations: [String] = []
    var isAssignment = false
    var commands: [TemplateCommand] = []
    var position: Int

    var description: String {
        let body = commands.map(\.description).joined(separator: " | ")
        guard !declarations.isEmpty else { return body }
        return declarations.joined(separator: ", ") + (isAssignment ? " = " : " := ") + body
    }
}

/// One stage of a pipeline: a function or method call, or a single value.
struct TemplateCommand: Sendable {
    var operands: [TemplateOperand]
    var position: Int
    var description: String { operands.map(\.description).joined(separator: " ") }
}

struct TemplateOperand: Sendable {
    indirect enum Kind: Sendable {
        /// `.A.B`: field names looked up from dot.
        case field([String])
        /// `$x.A`: a variable, then field names.
        case variable(String, [String])
        case dot
        case nilLiteral
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        /// A function name (`len`, `printf`…), called with the command's other operands.
        case function(String)
        /// `(pipeline)`, optionally followed by fields: `(index .A 0).B`.
        case pipe(TemplatePipe, fields: [String])
    }

    var kind: Kind
    var position: Int
    /// The operand as written, for `executing "" at <…>` in errors.
    var description: String
}
