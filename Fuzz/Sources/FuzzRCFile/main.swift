import Endpoints
import FuzzSupport
import NIOPosix
@testable import Shell

/// libFuzzer target: an rc file (`$DMUX_RC`), the shell's line language as the rc file uses it:
/// `group`, `connect`, `set` and `use` lines, with quoting, `;`, comments and `@TARGETS`. Each
/// line is tokenized and parsed with its command's flags, then does what the command does to a
/// fresh registry and settings: groups defined and resolved, endpoints built from `connect`
/// lines (never dialled), settings changed. A refusal is a `ShellUsageError`, never a crash.
///
/// Besides not crashing: a resolved group is a subset of the known hosts, in their order, and a
/// setting that was accepted reads back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRCFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var splitter = LineEditorSplitter(UnsafeBufferPointer(start: data, count: size))
    let registry = HostRegistry(group: MultiThreadedEventLoopGroup.singleton)
    var settings = ShellSettings()
    while let line = splitter.next() {
        guard let commands = try? Tokenizer.split(line) else { continue }
        for command in commands {
            guard let parsed = try? CommandLineParser(.standard).parse(command.words) else { continue }
            if let target = parsed.target { _ = try? registry.resolve(target) }
            run(parsed.spec.name, parsed.arguments, registry: registry, settings: &settings)
        }
    }
    return 0
}

func run(_ name: String, _ arguments: ParsedArguments, registry: HostRegistry, settings: inout ShellSettings) {
    let words = arguments.positional
    switch name {
    case "group":
        guard let group = words.first else { return }
        let members = words.dropFirst().flatMap { $0.split(separator: ",").map(String.init) }
        if !members.isEmpty { try? registry.defineGroup(group, members: members) }
        if let resolved = try? registry.resolve(group).map(\.name), resolved != registry.names.filter(resolved.contains) {
            fatalError("group \(group) resolved to \(resolved), not in host order \(registry.names)")
        }
    case "use":
        if let target = words.first, target != "-" { _ = try? registry.resolve(target.hasPrefix("@") ? String(target.dropFirst()) : target) }
    case "connect":
        guard words.count >= 2,
              let (endpoint, _) = try? ConnectSpec.endpoint(
                name: words[0], url: words[1], tlsVerify: arguments.isOn("tlsverify"), tls: arguments.isOn("tls"),
                certPath: arguments.value("cert-path") ?? "/nonexistent/dmux-fuzz-certs", environment: [:], home: "/nonexistent")
        else { return }
        if case .tcp(_, let port, _) = endpoint.address, !(0...65535).contains(port) { fatalError("connect gave port \(port)") }
        _ = try? registry.add(endpoint, connectTimeout: settings.timeout)
    case "set":
        guard words.count >= 2 else { return }
        if (try? settings.set(words[0], to: words[1])) != nil, ShellSettings.names.contains(words[0]) {
            _ = settings.value(of: words[0])
        }
    default:
        break
    }
}

/// The rc file's lines as `ScriptedLineSource(contents:)` splits them (CRLF, a last line
/// without newline, invalid UTF-8 decoded lossily), without the async line source.
struct LineEditorSplitter {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { rest = Array(bytes)[...] }

    mutating func next() -> String? {
        guard !rest.isEmpty else { return nil }
        let end = rest.firstIndex(of: 10) ?? rest.endIndex
        var line = rest[..<end]
        rest = end == rest.endIndex ? [] : rest[(end + 1)...]
        if line.last == 13 { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }
}

runFuzzer(fuzzRCFile)
