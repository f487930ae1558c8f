/// Runs a parsed template over a value (text/template/exec.go): walks the nodes, evaluates
/// pipelines left to right, and keeps Go's variable scoping and error texts.
struct TemplateExecutor {
    /// `{{template}}` calls nest at most this deep.
    private static let maximumDepth = 100

    private let template: GoTemplate
    private let functions: TemplateFunctions
    private let data: TemplateValue
    private var variables: [(name: String, value: TemplateValue)]
    private var depth = 0
    private(set) var output = ""

    init(template: GoTemplate, functions: TemplateFunctions, data: TemplateValue) {
        self.template = template
        self.functions = functions
        self.data = data
        variables = [("$", data)]
    }

    private enum Interruption: Error {
        case breakLoop, continueLoop
        case failure(GoTemplateError)
    }

    mutating func run() throws(GoTemplateError) {
        do {
            try walk(data, template.root)
        } catch {
            if case .failure(let failure) = error { throw failure }
        }
    }

    // MARK: nodes

    private mutating func walk(_ dot: TemplateValue, _ nodes: [TemplateNode]) throws(Interruption) {
        for node in nodes {
            switch node {
            case .text(let text): output += text
            case .action(let pipe):
                let value = try evaluate(dot, pipe)
                if pipe.declarations.isEmpty { output += value.printed }
            case .branch(let isWith, let pipe, let body, let otherwise):
                let mark = variables.count
                defer { variables.removeSubrange(mark...) }
                let value = try evaluate(dot, pipe)
                if value.isTrue {
                    try walk(isWith ? value : dot, body)
                } else if let otherwise {
                    try walk(dot, otherwise)
                }
            case .range(let pipe, let body, let otherwise):
                try range(dot, pipe, body, otherwise)
            case .breakLoop: throw .breakLoop
            case .continueLoop: throw .continueLoop
            case .include(let name, let pipe, let position):
                guard let body = template.definitions[name] else {
                    throw failure("template \"\(name)\" not defined", at: position, context: "template \"\(name)\"")
                }
                guard depth < Self.maximumDepth else {
                    throw failure("exceeded maximum template depth (\(Self.maximumDepth))", at: position, context: "template \"\(name)\"")
                }
                let newDot = try pipe.map { (pipe) throws(Interruption) in try evaluate(dot, pipe) } ?? .missing
                let saved = variables
                variables = [("$", newDot)]
                depth += 1
                defer { variables = saved; depth -= 1 }
                try walk(newDot, body)
            }
        }
    }

    private mutating func range(_ dot: TemplateValue, _ pipe: TemplatePipe, _ body: [TemplateNode], _ otherwise: [TemplateNode]?) throws(Interruption) {
        let mark = variables.count
        defer { variables.removeSubrange(mark...) }
        let value = try evaluate(dot, pipe)
        let inner = variables.count
        var elements: [(key: TemplateValue, value: TemplateValue)] = []
        switch value {
        case .list(let items): elements = items.enumerated().map { (.int($0.offset), $0.element) }
        case .map: elements = value.sortedMembers.map { (.string($0.key), $0.value) }
        case .int(let count):
            guard pipe.declarations.count < 2 else {
                throw failure("can't use \(count) to iterate over more than one variable", at: pipe.position, context: pipe.description)
            }
            elements = (0..<max(0, count)).map { (.int($0), .int($0)) }
        case .missing, .null: break
        default: throw failure("range can't iterate over \(value.printed)", at: pipe.position, context: pipe.description)
        }
        guard !elements.isEmpty else {
            if let otherwise { try walk(dot, otherwise) }
            return
        }
        for element in elements {
            if !pipe.declarations.isEmpty { variables[variables.count - 1].value = element.value }
            if pipe.declarations.count > 1 { variables[variables.count - 2].value = element.key }
            do {
                try walk(element.value, body)
            } catch .breakLoop {
                break
            } catch .continueLoop {
            }
            variables.removeSubrange(inner...)
        }
    }

    // MARK: pipelines

    private mutating func evaluate(_ dot: TemplateValue, _ pipe: TemplatePipe) throws(Interruption) -> TemplateValue {
        var value: TemplateValue?
        for command in pipe.commands { value = try evaluate(dot, command, final: value) }
        let result = value ?? .missing
        for name in pipe.declarations {
            if pipe.isAssignment, let slot = variables.lastIndex(where: { $0.name == name }) {
                variables[slot].value = result
            } else {
                variables.append((name, result))
            }
        }
        return result
    }

    private mutating func evaluate(_ dot: TemplateValue, _ command: TemplateCommand, final: TemplateValue?) throws(Interruption) -> TemplateValue {
        let first = command.operands[0]
        let arguments = Array(command.operands.dropFirst())
        switch first.kind {
        case .field(let path):
            return try fields(path, of: dot, dot: dot, arguments: arguments, final: final, at: first)
        case .variable(let name, let path) where !path.isEmpty:
            return try fields(path, of: variable(name, at: first), dot: dot, arguments: arguments, final: final, at: first)
        case .pipe(let pipe, let path) where !path.isEmpty:
            return try fields(path, of: evaluate(dot, pipe), dot: dot, arguments: arguments, final: final, at: first)
        case .function(let name):
            return try call(name, arguments, final: final, dot: dot, command: command)
        default:
            guard arguments.isEmpty, final == nil else {
                throw failure("can't give argument to non-function \(first.description)", at: first.position, context: first.description)
            }
            if case .nilLiteral = first.kind { throw failure("nil is not a command", at: first.position, context: first.description) }
            return try argument(first, dot: dot)
        }
    }

    /// An operand's value where it is an argument.
    private mutating func argument(_ operand: TemplateOperand, dot: TemplateValue) throws(Interruption) -> TemplateValue {
        switch operand.kind {
        case .dot: return dot
        case .nilLiteral: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .float(let value): return .float(value)
        case .string(let value): return .string(value)
        case .field(let path): return try fields(path, of: dot, dot: dot, arguments: [], final: nil, at: operand)
        case .variable(let name, let path):
            return try fields(path, of: variable(name, at: operand), dot: dot, arguments: [], final: nil, at: operand)
        case .pipe(let pipe, let path):
            let mark = variables.count
            defer { variables.removeSubrange(mark...) }
            return try fields(path, of: evaluate(dot, pipe), dot: dot, arguments: [], final: nil, at: operand)
        case .function(let name):
            return try call(name, [], final: nil, dot: dot, command: TemplateCommand(operands: [operand], position: operand.position))
        }
    }

    private func variable(_ name: String, at operand: TemplateOperand) throws(Interruption) -> TemplateValue {
        guard let slot = variables.last(where: { $0.name == name }) else {
            throw failure("undefined variable: \(name)", at: operand.position, context: operand.description)
        }
        return slot.value
    }

    /// `.A.B.C args…`: each name looked up in the value before it; the last may be a method call.
    private mutating func fields(_ path: [String], of receiver: TemplateValue, dot: TemplateValue, arguments: [TemplateOperand],
                                 final: TemplateValue?, at operand: TemplateOperand) throws(Interruption) -> TemplateValue {
        var value = receiver
        // A record's members are Go methods returning typed values; JSON's are `interface {}`.
        var fromRecord = false
        for (index, name) in path.enumerated() {
            let isLast = index == path.count - 1
            switch value {
            case .missing: return .missing
            case .null: return .missing  // a nil map (`"Labels": null`) has no entries
            case .map(let members):
                if isLast && (!arguments.isEmpty || final != nil) {
                    throw failure("\(name) is not a method but has arguments", at: operand.position, context: operand.description)
                }
                if let member = members.first(where: { $0.key == name }) {
                    value = member.value
                } else if TemplateValue.looksLikeStruct(members) {
                    // docker's typed struct fails and its raw fallback runs with missingkey=error
                    // (cli/command/inspect/inspector.go `tryRawInspectFallback`).
                    throw failure("map has no entry for key \"\(name)\"", at: operand.position, context: operand.description)
                } else {
                    value = .missing
                }
            case .record(let record):
                var values: [TemplateValue] = []
                if isLast {
                    for argument in arguments { values.append(try self.argument(argument, dot: dot)) }
                    if let final { values.append(final) }
                }
                let member: TemplateValue?
                do {
                    member = try record.member(name, arguments: values)
                } catch {
                    throw failure(error, name: name, operands: arguments, at: operand.position, context: operand.description)
                }
                guard let member else {
                    throw failure("can't evaluate field \(name) in type \(record.goTypeName)", at: operand.position,
                                  context: operand.description, unknownMember: true)
                }
                value = member
                fromRecord = true
            default:
                throw failure("can't evaluate field \(name) in type \(fromRecord ? value.goTypeName : "interface {}")",
                              at: operand.position, context: operand.description, unknownMember: true)
            }
        }
        if path.isEmpty, !arguments.isEmpty || final != nil {
            throw failure("can't give argument to non-function \(operand.description)", at: operand.position, context: operand.description)
        }
        return value
    }

    private mutating func call(_ name: String, _ operands: [TemplateOperand], final: TemplateValue?, dot: TemplateValue,
                               command: TemplateCommand) throws(Interruption) -> TemplateValue {
        if name == "and" || name == "or" {
            guard !operands.isEmpty || final != nil else {
                throw failure("wrong number of args for \(name): want at least 1 got 0", at: command.position, context: name)
            }
            var value = TemplateValue.missing
            for operand in operands {
                value = try argument(operand, dot: dot)
                if value.isTrue == (name == "or") { return value }
            }
            return final ?? value
        }
        guard let function = functions.table[name] else {
            throw failure("\"\(name)\" is not a defined function", at: command.position, context: name)
        }
        var values: [TemplateValue] = []
        for operand in operands { values.append(try argument(operand, dot: dot)) }
        if let final { values.append(final) }
        do {
            return try function(values)
        } catch {
            throw failure(error, name: name, operands: operands, at: command.position, context: command.description)
        }
    }

    // MARK: errors

    private func failure(_ error: TemplateFunctionError, name: String, operands: [TemplateOperand], at position: Int,
                         context: String) -> Interruption {
        switch error {
        case .argumentCount(let want, let got):
            return failure("wrong number of args for \(name): want \(want) got \(got)", at: position, context: name)
        case .argumentType(let index, let expected, let got):
            guard index < operands.count else {
                return failure("wrong type for value; expected \(expected); got \(got.fmtTypeName)", at: position, context: context)
            }
            let operand = operands[index]
            switch operand.kind {
            case .bool, .int, .float, .string, .nilLiteral:
                // Go checks a constant against the parameter's type before the call.
                return failure("expected \(expected); found \(operand.description)", at: operand.position, context: operand.description)
            default:
                if case .missing = got {
                    return failure("invalid value; expected \(expected)", at: operand.position, context: operand.description)
                }
                return failure("wrong type for value; expected \(expected); got \(got.fmtTypeName)", at: operand.position, context: operand.description)
            }
        case .failed(let message):
            return failure("error calling \(name): \(message)", at: position, context: context)
        }
    }

    /// `template: :1:2: executing "" at <.Foo>: …`, the context cut to 20 bytes as Go does.
    private func failure(_ message: String, at position: Int, context: String, unknownMember: Bool = false) -> Interruption {
        let shown = context.utf8.count > 20 ? String(decoding: context.utf8.prefix(20), as: UTF8.self) + "..." : context
        return .failure(GoTemplateError("template: \(template.name):\(template.location(of: position)): executing \"\(template.name)\" at <\(shown)>: \(message)",
                                        isUnknownMember: unknownMember))
    }
}
