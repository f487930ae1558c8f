/// A list command's `--format` (ps, images, stats…): docker's preprocessing of the text (the
/// `table` directive, `json`, literal `\t` and `\n`; cli/command/formatter/formatter.go
/// `templateString`) around one Go template executed per record.
public struct FormatTemplate: Sendable {
    public let isTable: Bool
    let template: GoTemplate

    public init(_ source: String) throws(FormatTemplateError) {
        var body = source
        if source == "json" {
            body = "{{json .}}"
        } else if source == "table" {
            body = ""
        } else if source.hasPrefix("table") {
            body = String(source.dropFirst(5))
        }
        isTable = source.hasPrefix("table")
        body = body.trimmingCharacters(in: [" "])
            .replacingOccurrences(of: "\\t", with: "\t")
            .replacingOccurrences(of: "\\n", with: "\n")
        do {
            template = try GoTemplate(body)
        } catch {
            throw FormatTemplateError(error.description, phase: .parse)
        }
    }

    /// All subjects, one per line: a header line first for `table` formats, aligned like docker.
    public func render<S: FormatSubject>(_ subjects: [S]) throws(FormatTemplateError) -> String {
        var lines: [String] = []
        if isTable { lines.append(try header(for: S.self)) }
        for subject in subjects { lines.append(try render(subject)) }
        let text = lines.map { $0 + "\n" }.joined()
        return isTable ? TabWriter.table.format(text) : text
    }

    /// One subject, without the trailing newline.
    public func render<S: FormatSubject>(_ subject: S) throws(FormatTemplateError) -> String {
        do {
            return try template.execute(.record(SubjectRecord(subject: subject)))
        } catch {
            throw FormatTemplateError(error.description, phase: .execute)
        }
    }

    /// The table header (each field replaced by its column name), after checking the template
    /// against an empty record as `docker ps` does, so a misspelt field fails before anything is sent.
    public func header<S: FormatSubject>(for _: S.Type) throws(FormatTemplateError) -> String {
        try validate(for: S.self)
        return template.executeHeader(.record(HeaderRecord<S>()))
    }

    /// Fails on a field or method that `S` does not have (cli/command/container/list.go runs the
    /// template over an empty `ContainerContext` for the same reason).
    public func validate<S: FormatSubject>(for _: S.Type) throws(FormatTemplateError) {
        do {
            _ = try template.execute(.record(HeaderRecord<S>(probing: true)))
        } catch where error.isUnknownMember {
            throw FormatTemplateError(error.description, phase: .execute)
        } catch {
            // Other failures depend on the values (`slice .ID 0 12` on an empty ID): rows decide.
        }
    }
}

/// A `--format` that does not parse, or fails on a record; `phase` picks docker's prefix.
public struct FormatTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Phase: Sendable, Hashable { case parse, execute }
    /// Go's text: `template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type …`.
    public var description: String
    public var phase: Phase

    public init(_ description: String, phase: Phase = .execute) {
        self.description = description
        self.phase = phase
    }
}

/// A record as its row type answers it: fields are docker's context methods, all text.
struct SubjectRecord<S: FormatSubject>: TemplateRecord {
    let subject: S
    var goTypeName: String { S.goTypeName }
    var jsonText: String { subject.jsonObject }

    func member(_ name: String, arguments: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        if name == "Label", S.hasLabels { return .string(subject.label(try LabelMethod.key(arguments)) ?? "") }
        guard S.headers[name] != nil else { return nil }
        guard arguments.isEmpty else { throw .argumentCount(want: "0", got: arguments.count) }
        return .string(subject.field(name) ?? "")
    }
}

/// The column names in place of the values (docker's `SubHeaderContext`), or empty values when
/// probing the template for unknown names.
struct HeaderRecord<S: FormatSubject>: TemplateRecord {
    var probing = false
    var goTypeName: String { S.goTypeName }
    var jsonText: String { "" }

    func member(_ name: String, arguments: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        if name == "Label", S.hasLabels {
            let key = try LabelMethod.key(arguments)
            // SubHeaderContext.Label: the key's last dotted part, '-' and '_' as spaces.
            return .string(probing ? "" : (key.split(separator: ".").last.map(String.init) ?? key)
                .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " "))
        }
        guard let header = S.headers[name] else { return nil }
        guard arguments.isEmpty else { throw .argumentCount(want: "0", got: arguments.count) }
        return .string(probing ? "" : header)
    }
}

/// `.Label "key"`: exactly one string argument.
enum LabelMethod {
    static func key(_ arguments: [TemplateValue]) throws(TemplateFunctionError) -> String {
        guard arguments.count == 1 else { throw .argumentCount(want: "1", got: arguments.count) }
        return try TemplateFunctions.string(arguments, 0)
    }
}
