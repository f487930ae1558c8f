/// The functions a `--format` template may call: Go's builtins (text/template/funcs.go) and
/// docker's (cli/templates/templates.go). `and` and `or` evaluate lazily in the executor.
struct TemplateFunctions: Sendable {
    typealias Function = @Sendable ([TemplateValue]) throws(TemplateFunctionError) -> TemplateValue

    let table: [String: Function]
    /// What the parser accepts as a function name: made once, not per parsed template.
    let names: Set<String>

    private init(table: [String: Function]) {
        self.table = table
        names = Set(table.keys).union(["and", "or"])
    }

    static let standard = TemplateFunctions(table: builtins.merging(docker) { $1 })

    /// docker renders a table's header with these in place of its text functions, so that
    /// `{{upper .Names}}` heads its column `NAMES` (cli/templates/templates.go `HeaderFunctions`).
    static let header: TemplateFunctions = {
        var table = standard.table
        for (name, arity) in [("json", 1), ("split", 2), ("join", 2), ("title", 1), ("lower", 1), ("upper", 1), ("truncate", 2)] {
            table[name] = identity(arity: arity)
        }
        return TemplateFunctions(table: table)
    }()

    /// A header function: the column name, whatever the other arguments.
    private static func identity(arity: Int) -> Function {
        { arguments throws(TemplateFunctionError) in
            try count(arguments, arity)
            return .string(try string(arguments, 0))
        }
    }

    // MARK: Go's builtins

    private static let builtins: [String: Function] = [
        "not": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            return .bool(!arguments[0].isTrue)
        },
        "len": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            switch arguments[0] {
            case .string(let text): return .int(text.utf8.count)
            case .list(let items): return .int(items.count)
            case .map(let members): return .int(members.count)
            case .missing, .null: throw .failed("len of nil pointer")
            case let other: throw .failed("len of type \(other.goTypeName)")
            }
        },
        "index": { arguments throws(TemplateFunctionError) in
            guard let item = arguments.first else { throw .argumentCount(want: "at least 1", got: 0) }
            var value = item
            for key in arguments.dropFirst() { value = try index(value, key) }
            return value
        },
        "slice": { arguments throws(TemplateFunctionError) in
            guard let item = arguments.first else { throw .argumentCount(want: "at least 1", got: 0) }
            return try slice(item, Array(arguments.dropFirst()))
        },
        "print": { .string(GoPrintf.sprint($0)) },
        "println": { .string(GoPrintf.sprintln($0)) },
        "printf": { arguments throws(TemplateFunctionError) in
            guard !arguments.isEmpty else { throw .argumentCount(want: "at least 1", got: 0) }
            return .string(GoPrintf.sprintf(try string(arguments, 0), Array(arguments.dropFirst())))
        },
        "eq": { arguments throws(TemplateFunctionError) in
            guard let first = arguments.first else { throw .argumentCount(want: "at least 1", got: 0) }
            guard arguments.count > 1 else { throw .failed("missing argument for comparison") }
            for other in arguments.dropFirst() where try equal(first, other) { return .bool(true) }
            return .bool(false)
        },
        "ne": { arguments throws(TemplateFunctionError) in
            try count(arguments, 2)
            return .bool(!(try equal(arguments[0], arguments[1])))
        },
        "lt": { arguments throws(TemplateFunctionError) in .bool(try order(arguments) < 0) },
        "le": { arguments throws(TemplateFunctionError) in .bool(try order(arguments) <= 0) },
        "gt": { arguments throws(TemplateFunctionError) in .bool(try order(arguments) > 0) },
        "ge": { arguments throws(TemplateFunctionError) in .bool(try order(arguments) >= 0) },
        "html": { .string(TemplateEscaping.html(textOf($0))) },
        "js": { .string(TemplateEscaping.javaScript(textOf($0))) },
        "urlquery": { .string(TemplateEscaping.query(textOf($0))) },
    ]

    // MARK: docker's functions

    private static let docker: [String: Function] = [
        "json": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            return .string(arguments[0].jsonText)
        },
        "split": { arguments throws(TemplateFunctionError) in
            try count(arguments, 2)
            let text = try string(arguments, 0), separator = try string(arguments, 1)
            if separator.isEmpty { return .list(text.map { .string(String($0)) }) }
            return .list(text.split(separator: separator, omittingEmptySubsequences: false).map { .string(String($0)) })
        },
        "join": { arguments throws(TemplateFunctionError) in
            try count(arguments, 2)
            let separator = try string(arguments, 1)
            switch arguments[0] {
            case .missing, .null: return .string("")
            case .list(let items): return .string(items.map(\.printedForFmt).joined(separator: separator))
            case .map: return .string(arguments[0].sortedMembers.map(\.value.printedForFmt).sorted().joined(separator: separator))
            case let other: throw .failed("expected slice, got \(other.goTypeName)")
            }
        },
        "title": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            return .string(TemplateEscaping.title(try string(arguments, 0)))
        },
        "lower": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            return .string(try string(arguments, 0).lowercased())
        },
        "upper": { arguments throws(TemplateFunctionError) in
            try count(arguments, 1)
            return .string(try string(arguments, 0).uppercased())
        },
        "pad": { arguments throws(TemplateFunctionError) in
            try count(arguments, 3)
            let text = try string(arguments, 0), before = try int(arguments, 1), after = try int(arguments, 2)
            guard !text.isEmpty else { return .string("") }
            guard before >= 0, after >= 0 else { throw .failed("strings: negative Repeat count") }
            return .string(String(repeating: " ", count: before) + text + String(repeating: " ", count: after))
        },
        "truncate": { arguments throws(TemplateFunctionError) in
            try count(arguments, 2)
            let text = try string(arguments, 0), length = try int(arguments, 1)
            let bytes = Array(text.utf8)
            guard length <= bytes.count else { return .string(text) }
            guard length >= 0 else { throw .failed("slice bounds out of range [:\(length)]") }
            return .string(String(decoding: bytes[..<length], as: UTF8.self))
        },
    ]

    // MARK: argument rules

    private static func count(_ arguments: [TemplateValue], _ want: Int) throws(TemplateFunctionError) {
        guard arguments.count == want else { throw .argumentCount(want: String(want), got: arguments.count) }
    }

    static func string(_ arguments: [TemplateValue], _ index: Int) throws(TemplateFunctionError) -> String {
        guard case .string(let text) = arguments[index] else { throw .argumentType(index: index, expected: "string", got: arguments[index]) }
        return text
    }

    static func int(_ arguments: [TemplateValue], _ index: Int) throws(TemplateFunctionError) -> Int {
        guard case .int(let number) = arguments[index] else { throw .argumentType(index: index, expected: "int", got: arguments[index]) }
        return number
    }

    /// html, js and urlquery take one string as it is, or `fmt.Sprint` of all their arguments.
    private static func textOf(_ arguments: [TemplateValue]) -> String {
        if arguments.count == 1, case .string(let text) = arguments[0] { return text }
        return GoPrintf.sprint(arguments)
    }

    private static func index(_ item: TemplateValue, _ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        switch item {
        case .missing, .null: throw .failed("index of untyped nil")
        case .list(let items):
            let position = try position(key, count: items.count, what: "slice")
            guard position < items.count else { throw .failed("index out of range: \(position)") }
            return items[position]
        case .string(let text):
            let bytes = Array(text.utf8)
            let position = try position(key, count: bytes.count, what: "string")
            guard position < bytes.count else { throw .failed("index out of range: \(position)") }
            return .int(Int(bytes[position]))
        case .map(let members):
            guard case .string(let name) = key else { throw .failed("value has type \(key.fmtTypeName); should be string") }
            if let member = members.first(where: { $0.key == name }) { return member.value }
            // The zero value of the map's element type: "" for docker's map[string]string labels.
            return members.allSatisfy({ $0.value.isString }) ? .string("") : .null
        case let other: throw .failed("can't index item of type \(other.goTypeName)")
        }
    }

    private static func position(_ key: TemplateValue, count: Int, what: String) throws(TemplateFunctionError) -> Int {
        guard case .int(let position) = key else { throw .failed("cannot index \(what) with type \(key.fmtTypeName)") }
        guard position >= 0 else { throw .failed("index out of range: \(position)") }
        return position
    }

    private static func slice(_ item: TemplateValue, _ bounds: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue {
        guard bounds.count <= 2 else { throw .failed("too many slice indexes: \(bounds.count)") }
        var numbers: [Int] = []
        for bound in bounds {
            guard case .int(let number) = bound else { throw .failed("cannot index slice/array with type \(bound.fmtTypeName)") }
            numbers.append(number)
        }
        switch item {
        case .string(let text):
            let bytes = Array(text.utf8)
            let (low, high) = try range(numbers, count: bytes.count)
            return .string(String(decoding: bytes[low..<high], as: UTF8.self))
        case .list(let items):
            let (low, high) = try range(numbers, count: items.count)
            return .list(Array(items[low..<high]))
        case .missing, .null: throw .failed("slice of untyped nil")
        case let other: throw .failed("can't slice item of type \(other.goTypeName)")
        }
    }

    private static func range(_ numbers: [Int], count: Int) throws(TemplateFunctionError) -> (Int, Int) {
        let low = numbers.first ?? 0, high = numbers.count > 1 ? numbers[1] : count
        guard low >= 0, high <= count else { throw .failed("index out of range: \(low < 0 ? low : high)") }
        guard low <= high else { throw .failed("invalid slice index: \(low) > \(high)") }
        return (low, high)
    }

    /// Go's `eq` for basic kinds; nil equals only nil; different kinds do not compare.
    private static func equal(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateFunctionError) -> Bool {
        switch (a, b) {
        case (.missing, .missing), (.missing, .null), (.null, .missing), (.null, .null): return true
        case (.missing, _), (.null, _), (_, .missing), (_, .null): return false
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bool, _), (.int, _), (.float, _), (.string, _): throw .failed("incompatible types for comparison")
        default: throw .failed("non-comparable type \(a.printedForFmt): \(a.goTypeName)")
        }
    }

    /// -1, 0 or 1 for `lt`, `le`, `gt` and `ge` on two ints, floats or strings.
    private static func order(_ arguments: [TemplateValue]) throws(TemplateFunctionError) -> Int {
        try count(arguments, 2)
        switch (arguments[0], arguments[1]) {
        case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.float(let x), .float(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : x == y ? 0 : 1
        case (.bool, _), (_, .bool), (.list, _), (.map, _), (.record, _), (.missing, _), (.null, _),
             (_, .list), (_, .map), (_, .record), (_, .missing), (_, .null):
            throw .failed("invalid type for comparison")
        default: throw .failed("incompatible types for comparison")
        }
    }
}
