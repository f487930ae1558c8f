import FuzzSupport
@testable import Shell

/// libFuzzer target: one line of the shell language through everything that runs before a
/// request is sent: the tokenizer, `@TARGETS` resolution and the command tree's parser, strict and lenient.
///
/// Besides not crashing: every word survives `Tokenizer.quote` (history and completion rely on
/// it), and a resolved target set is a subset of the known hosts, in their order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let commands = try? Tokenizer.split(line) else { return 0 }
    for command in commands {
        for word in command.words {
            let quoted = Tokenizer.quote(word)
            guard let back = try? Tokenizer.split(quoted), back.count == 1, back[0].words == [word] else {
                fatalError("\(word.debugDescription) quoted as \(quoted.debugDescription) does not read back")
            }
        }
        // The lenient walk completion uses must take any line, as the strict one does.
        _ = CommandLineParser(.standard).slot(words: command.words, current: "")
        guard let parsed = try? CommandLineParser(.standard).parse(command.words) else { continue }
        if let target = parsed.target,
           let targets = try? TargetSelector.resolve(target, hosts: Known.hosts, groups: Known.groups) {
            if targets != Known.hosts.filter(targets.contains) { fatalError("targets \(targets) not in host order") }
        }
        for flag in parsed.arguments.values.keys where !parsed.spec.flags.contains(where: { $0.long == flag }) {
            fatalError("parsed a flag --\(flag) that \(parsed.path) does not have")
        }
    }
    return 0
}

/// The registry the targets resolve against (`main.swift` globals would be main-actor isolated).
enum Known {
    static let hosts = ["m1", "m2", "web1", "web2", "db", "unix1", "tls1"]
    /// Groups, one of them cyclic and one nested, so that group expansion is exercised too.
    static let groups = ["web": ["web1", "web2"], "loop": ["loop2", "m1"], "loop2": ["loop"], "front": ["web", "db"]]
}

runFuzzer(fuzzCommandLine)
