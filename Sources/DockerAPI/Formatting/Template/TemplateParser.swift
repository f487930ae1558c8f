/// Builds the tree from tokens as Go's text/template/parse does, with its error texts
/// (`template: :1: function "x" not defined`).
struct TemplateParser {
    static let keywords: Set<String> = ["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]
    /// Parenthesised pipelines nest at most this deep (Go: "max expression depth exceeded").
    private static let maximumDepth = 200

    private let tokens: [TemplateToken]
    private let name: String
    private let functions: Set<String>
    private var index = 0
    private var variables: [String] = ["$"]
    private var rangeDepth = 0
    private var depth = 0
    private(set) var definitions: [String: [TemplateNode]] = [:]

    /// The root list and the `{{define}}`d templates of `source`.
    static func parse(_ source: String, name: String, functions: Set<String>) throws(GoTemplateError)
        -> (root: [TemplateNode], definitions: [String: [TemplateNode]]) {
        var parser = TemplateParser(tokens: try TemplateLexer.tokens(of: source, name: name), name: name, functions: functions)
        var root: [TemplateNode] = []
        while parser.peek.kind != .eof {
            if parser.peek.kind == .leftDelim, parser.peekAfterDelimiter?.text == "define" {
                try parser.parseDefinition()
                continue
            }
            switch try parser.textOrAction() {
            case .node(let node): root.append(node)
            case .end: throw parser.error("unexpected {{end}}")
            case .otherwise: throw parser.error("unexpected {{else}}")
            }
        }
        return (root, parser.definitions)
    }

    private init(tokens: [TemplateToken], name: String, functions: Set<String>) {
        self.tokens = tokens
        self.name = name
        self.functions = functions
    }

    private enum Item { case node(TemplateNode), end, otherwise }

    // MARK: tokens

    private var peek: TemplateToken { tokens[index] }

    private var peekAfterDelimiter: TemplateToken? {
        var position = index + 1
        while position < tokens.count, tokens[position].kind == .space { position += 1 }
        return position < tokens.count ? tokens[position] : nil
    }

    private mutating func next() -> TemplateToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func nextNonSpace() -> TemplateToken {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> TemplateToken {
        while peek.kind == .space { _ = next() }
        return peek
    }

    private mutating func expect(_ kind: TemplateToken.Kind, _ context: String) throws(GoTemplateError) -> TemplateToken {
        let token = nextNonSpace()
        guard token.kind == kind else { throw unexpected(token, context) }
        return token
    }

    // MARK: structure

    private mutating func textOrAction() throws(GoTemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text: return .node(.text(token.text))
        case .leftDelim: return try action()
        default: throw unexpected(token, "input")
        }
    }

    private mutating func action() throws(GoTemplateError) -> Item {
        let token = peekNonSpace()
        if token.kind == .keyword {
            _ = next()
            switch token.text {
            case "if": return .node(try branch(isWith: false))
            case "with": return .node(try branch(isWith: true))
            case "range": return .node(try rangeControl())
            case "end":
                _ = try expect(.rightDelim, "end")
                return .end
            case "else":
                let following = peekNonSpace()
                if following.kind == .keyword && (following.text == "if" || following.text == "with") { return .otherwise }
                _ = try expect(.rightDelim, "else")
                return .otherwise
            case "break", "continue":
                _ = try expect(.rightDelim, token.text)
                guard rangeDepth > 0 else { throw error("{{\(token.text)}} outside {{range}}") }
                return .node(token.text == "break" ? .breakLoop : .continueLoop)
            case "template": return .node(try include(context: "template"))
            case "block": return .node(try block())
            default: throw error("unexpected \(describe(token)) in command")
            }
        }
        return .node(.action(try pipeline("command", end: .rightDelim)))
    }

    /// `if`/`with` with `else`, `else if` and `else with` (parsed as a nested control).
    private mutating func branch(isWith: Bool) throws(GoTemplateError) -> TemplateNode {
        let context = isWith ? "with" : "if"
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        let pipe = try pipeline(context, end: .rightDelim)
        let (body, ending) = try itemList()
        var otherwise: [TemplateNode]?
        if case .otherwise = ending {
            let following = peekNonSpace()
            if following.kind == .keyword && following.text == context {
                _ = next()
                otherwise = [try branch(isWith: isWith)]
            } else {
                let (list, last) = try itemList()
                guard case .end = last else { throw error("expected end; found {{else}}") }
                otherwise = list
            }
        }
        return .branch(isWith: isWith, pipe, body: body, otherwise: otherwise)
    }

    private mutating func rangeControl() throws(GoTemplateError) -> TemplateNode {
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        let pipe = try pipeline("range", end: .rightDelim)
        rangeDepth += 1
        let (body, ending) = try itemList()
        rangeDepth -= 1
        var otherwise: [TemplateNode]?
        if case .otherwise = ending {
            let (list, last) = try itemList()
            guard case .end = last else { throw error("expected end; found {{else}}") }
            otherwise = list
        }
        return .range(pipe, body: body, otherwise: otherwise)
    }

    /// Nodes up to the `{{end}}` or `{{else}}` that closes them.
    private mutating func itemList() throws(GoTemplateError) -> ([TemplateNode], Item) {
        var list: [TemplateNode] = []
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            guard case .node(let node) = item else { return (list, item) }
            list.append(node)
        }
        throw error("unexpected EOF")
    }

    private mutating func parseDefinition() throws(GoTemplateError) {
        _ = next()  // {{
        _ = nextNonSpace()  // define
        let name = try templateName(context: "define clause")
        _ = try expect(.rightDelim, "define clause")
        let saved = variables
        variables = ["$"]
        defer { variables = saved }
        let (body, ending) = try itemList()
        guard case .end = ending else { throw error("unexpected {{else}} in define clause") }
        definitions[name] = body
    }

    private mutating func include(context: String) throws(GoTemplateError) -> TemplateNode {
        let position = peekNonSpace().position
        let name = try templateName(context: context)
        var pipe: TemplatePipe?
        if peekNonSpace().kind != .rightDelim { pipe = try pipeline(context, end: .rightDelim) } else { _ = next() }
        return .include(name: name, pipe, position: position)
    }

    /// `{{block "name" pipeline}}body{{end}}`: a definition used at once.
    private mutating func block() throws(GoTemplateError) -> TemplateNode {
        let start = index
        let name = try templateName(context: "block clause")
        index = start
        let node = try include(context: "block clause")
        let (body, ending) = try itemList()
        guard case .end = ending else { throw error("unexpected {{else}} in block clause") }
        definitions[name] = body
        return node
    }

    private mutating func templateName(context: String) throws(GoTemplateError) -> String {
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
        guard let name = TemplateLiteral.unquote(token.text) else { throw error("bad string syntax: \(token.text)") }
        return name
    }

    // MARK: pipelines

    private mutating func pipeline(_ context: String, end: TemplateToken.Kind) throws(GoTemplateError) -> TemplatePipe {
        var pipe = TemplatePipe(position: peekNonSpace().position)
        try declarations(into: &pipe, context: context)
        while true {
            let token = nextNonSpace()
            if token.kind == end {
                if pipe.commands.isEmpty { throw error("missing value for \(context)") }
                for (stage, command) in pipe.commands.enumerated().dropFirst() {
                    switch command.operands.first?.kind {
                    case .bool, .dot, .nilLiteral, .int, .float, .string:
                        throw error("non executable command in pipeline stage \(stage + 1)")
                    default: break
                    }
                }
                return pipe
            }
            switch token.kind {
            case .bool, .char, .dot, .field, .identifier, .number, .nilLiteral, .rawString, .string, .variable, .leftParen:
                index -= 1
                pipe.commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    /// `$x :=`, `$x =`, and in `range` `$i, $v :=`.
    private mutating func declarations(into pipe: inout TemplatePipe, context: String) throws(GoTemplateError) {
        let start = index
        guard peekNonSpace().kind == .variable else { return }
        let first = next()
        let separator = peekNonSpace()
        switch separator.kind {
        case .declare, .assign:
            _ = next()
            pipe.isAssignment = separator.kind == .assign
            pipe.declarations = [first.text]
            if !pipe.isAssignment { variables.append(first.text) }
        case .comma where context == "range":
            _ = next()
            let second = nextNonSpace()
            guard second.kind == .variable else { throw error("missing variable in range declaration: \(describe(second))") }
            let operatorToken = nextNonSpace()
            guard operatorToken.kind == .declare || operatorToken.kind == .assign else { throw unexpected(operatorToken, "range") }
            pipe.isAssignment = operatorToken.kind == .assign
            pipe.declarations = [first.text, second.text]
            if !pipe.isAssignment { variables += [first.text, second.text] }
        default:
            index = start
        }
        if pipe.isAssignment {
            for name in pipe.declarations where !variables.contains(name) { throw error("undefined variable \"\(name)\"") }
        }
    }

    private mutating func command() throws(GoTemplateError) -> TemplateCommand {
        var command = TemplateCommand(operands: [], position: peekNonSpace().position)
        loop: while true {
            _ = peekNonSpace()
            if let operand = try operand() { command.operands.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: index -= 1
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break loop
        }
        if command.operands.isEmpty { throw error("empty command") }
        return command
    }

    private mutating func operand() throws(GoTemplateError) -> TemplateOperand? {
        guard var node = try term() else { return nil }
        guard peek.kind == .field else { return node }
        var fields: [String] = []
        var text = node.description
        // Go places a chained field at its second token (parse.go `operand` builds the chain there).
        node.position = peek.position
        while peek.kind == .field {
            let token = next()
            fields += token.text.dropFirst().split(separator: ".").map(String.init)
            text += token.text
        }
        switch node.kind {
        case .field(let path): node.kind = .field(path + fields)
        case .variable(let name, let path): node.kind = .variable(name, path + fields)
        case .pipe(let pipe, let path): node.kind = .pipe(pipe, fields: path + fields)
        default: throw error("unexpected . after term \"\(node.description)\"")
        }
        node.description = text
        return node
    }

    private mutating func term() throws(GoTemplateError) -> TemplateOperand? {
        let token = nextNonSpace()
        let kind: TemplateOperand.Kind
        switch token.kind {
        case .identifier:
            guard functions.contains(token.text) else { throw error("function \"\(token.text)\" not defined") }
            kind = .function(token.text)
        case .dot: kind = .dot
        case .nilLiteral: kind = .nilLiteral
        case .variable:
            let name = String(token.text.split(separator: ".", maxSplits: 1).first ?? "$")
            guard variables.contains(name) else { throw error("undefined variable \"\(name)\"") }
            kind = .variable(name, [])
        case .field: kind = .field(token.text.dropFirst().split(separator: ".").map(String.init))
        case .bool: kind = .bool(token.text == "true")
        case .number, .char:
            guard let number = TemplateLiteral.number(token.text) else { throw error("illegal number syntax: \(token.text)") }
            kind = number
        case .string, .rawString:
            guard let text = TemplateLiteral.unquote(token.text) else { throw error("bad string syntax: \(token.text)") }
            kind = .string(text)
        case .leftParen:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("max expression depth exceeded") }
            let pipe = try pipeline("parenthesized pipeline", end: .rightParen)
            return TemplateOperand(kind: .pipe(pipe, fields: []), position: token.position, description: "(\(pipe.description))")
        default:
            index -= 1
            return nil
        }
        return TemplateOperand(kind: kind, position: token.position, description: token.text)
    }

    // MARK: errors

    private func unexpected(_ token: TemplateToken, _ context: String) -> GoTemplateError {
        error("unexpected \(describe(token)) in \(context)")
    }

    /// Go's `item.String()`: `"}}"` for delimiters and punctuation, `<name>` for words.
    private func describe(_ token: TemplateToken) -> String {
        switch token.kind {
        case .eof: "EOF"
        case .keyword: "<\(token.text)>"
        case .space: "space"
        default: "\"\(token.text)\""
        }
    }

    private func error(_ message: String) -> GoTemplateError {
        GoTemplateError("template: \(name):\(tokens[max(0, index - 1)].line): \(message)")
    }
}
