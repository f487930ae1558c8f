/// A Go `text/template` as docker's `--format` uses it: Go's actions, variables, pipelines and
/// builtins, plus docker's functions (cli/templates/templates.go). Parsed once, executed per record.
public struct GoTemplate: Sendable {
    let source: String
    /// The template's name in error texts (docker names only `version`'s: `template: version:1: …`).
    let name: String
    let root: [TemplateNode]
    let definitions: [String: [TemplateNode]]

    /// Parses `source`; errors read as Go's (`template: :1: function "x" not defined`).
    public init(_ source: String, name: String = "") throws(GoTemplateError) {
        (root, definitions) = try TemplateParser.parse(source, name: name, functions: TemplateFunctions.standard.names)
        self.source = source
        self.name = name
    }

    /// The template applied to `data`.
    public func execute(_ data: TemplateValue) throws(GoTemplateError) -> String {
        var executor = TemplateExecutor(template: self, functions: .standard, data: data)
        try executor.run()
        return executor.output
    }

    /// A table's header line: docker runs the template over the column names with its header
    /// functions and keeps whatever was written before an error (cli/command/formatter/formatter.go).
    public func executeHeader(_ headers: TemplateValue) -> String {
        var executor = TemplateExecutor(template: self, functions: .header, data: headers)
        try? executor.run()
        return executor.output
    }

    /// `line:col` of a byte offset, as Go's `ErrorContext` counts them (col from 0).
    func location(of position: Int) -> String {
        let prefix = source.utf8.prefix(position)
        let line = 1 + prefix.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let column = prefix.lastIndex(of: UInt8(ascii: "\n")).map { prefix.distance(from: $0, to: prefix.endIndex) - 1 } ?? position
        return "\(line):\(column)"
    }
}

/// A template that does not parse or fails while running, in Go's words.
public struct GoTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    /// `can't evaluate field X in type T`: the template names something the data never has.
    public let isUnknownMember: Bool

    public init(_ description: String, isUnknownMember: Bool = false) {
        self.description = description
        self.isUnknownMember = isUnknownMember
    }
}
