import ArgumentParser
import Core

/// Reads a command's options out of ArgumentParser's own description of it, `_dumpHelp()`: the
/// ToolInfoV0 JSON of swift-argument-parser (Sources/ArgumentParserToolInfo/ToolInfo.swift),
/// `{"command": {"arguments": [{"kind", "names": [{"kind", "name"}], "isRepeating", "valueName",
/// "abstract", "completionKind"}, …]}}`. So the tree's root is derived from the one declaration
/// (`DmuxOptions`) and cannot drift from what the executable parses.
///
/// Completion kinds map here and nowhere else: `list` → `.values`, `file` → `.file`, `directory`
/// → `.directory`, `custom` (and `customAsync`) → `custom[long name]` (which must have it); no kind, or `shellCommand`,
/// → `.none`. Positional arguments are left out: the root node states its own (`COMMAND…`).
enum ToolInfoFlags {
    /// The flags of `command`; a declaration the tree cannot read is a programming error, caught
    /// by the first test that builds the tree.
    static func flags(of command: any ParsableArguments.Type, custom: [String: CompletionSource]) -> [FlagSpec] {
        do {
            return try flags(toolInfo: command._dumpHelp(), custom: custom)
        } catch {
            preconditionFailure("\(command): \(error)")
        }
    }

    static func flags(toolInfo: String, custom: [String: CompletionSource]) throws(UnreadableToolInfo) -> [FlagSpec] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(toolInfo.utf8))
        } catch {
            throw UnreadableToolInfo("\(error)")
        }
        guard case .array(let arguments)? = root["command"]?["arguments"] else {
            throw UnreadableToolInfo("no command.arguments")
        }
        var flags: [FlagSpec] = []
        for argument in arguments {
            guard let kind = argument["kind"]?.stringValue else { throw UnreadableToolInfo("an argument without a kind") }
            if kind == "positional" { continue }
            guard kind == "flag" || kind == "option" else { throw UnreadableToolInfo("argument kind '\(kind)'") }
            guard case .array(let names)? = argument["names"],
                  let long = name(of: "long", in: names)
            else {
                throw UnreadableToolInfo("an option without a long name")
            }
            flags.append(FlagSpec(
                long,
                short: name(of: "short", in: names).flatMap { $0.count == 1 ? $0.first : nil },
                value: kind == "option" ? argument["valueName"]?.stringValue ?? long : nil,
                repeatable: argument["isRepeating"] == .bool(true),
                help: argument["abstract"]?.stringValue ?? "",
                completion: try completion(argument["completionKind"], long: long, custom: custom)))
        }
        return flags
    }

    private static func name(of kind: String, in names: [JSONValue]) -> String? {
        names.first { $0["kind"]?.stringValue == kind }?["name"]?.stringValue
    }

    /// `CompletionKindV0` as Swift's synthesized Codable writes an enum case with associated
    /// values: `{"list": {"values": [...]}}`, `{"file": {"extensions": [...]}}`, `{"custom": {}}`.
    private static func completion(
        _ kind: JSONValue?, long: String, custom: [String: CompletionSource]
    ) throws(UnreadableToolInfo) -> CompletionSource {
        guard case .object(let members)? = kind, let (name, body) = members.first else { return .none }
        switch name {
        case "list":
            guard case .array(let values)? = body["values"] else { return .values([]) }
            return .values(values.compactMap(\.stringValue))
        case "file": return .file
        case "directory": return .directory
        case "custom", "customAsync":
            guard let source = custom[long] else { throw UnreadableToolInfo("--\(long) completes by custom, but names no source") }
            return source
        default: return .none
        }
    }

    struct UnreadableToolInfo: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = "ArgumentParser's tool info: \(description)" }
    }
}
