/// The `-H` values of a `dmux` command line, taken out before ArgumentParser sees it.
///
/// ArgumentParser copies a repeated option's values, and the set of their positions, on every
/// repetition: parsing n `-H` flags costs O(n²), and a command line naming 1000 engines spent
/// 0.2 s there before the first connection began. Only the leading options are scanned, and only
/// the exact forms ArgumentParser itself reads (`-H V`, `--host V`, `--host=V`); at the first
/// token this does not understand (a word, `--`, an unknown or malformed option) the scan stops
/// and everything from there on is left to ArgumentParser, so its parsing and its errors stay the
/// same. The values keep their order, before any `-H` ArgumentParser finds after that point.
public struct HostFlagSplit: Equatable, Sendable {
    public var hosts: [String] = []
    /// The arguments to give ArgumentParser: all but the `-H` options taken out.
    public var remaining: [String] = []

    public init(_ arguments: [String]) {
        var index = arguments.startIndex
        scan: while index < arguments.endIndex {
            let word = arguments[index]
            let next = index + 1 < arguments.endIndex ? arguments[index + 1] : nil
            if word.hasPrefix("--host=") {
                hosts.append(String(word.dropFirst("--host=".count)))
                index += 1
                continue
            }
            guard let flag = Self.option(exactly: word) else { break scan }
            switch (flag.long, flag.takesValue, next) {
            case ("host", _, let value?) where !value.hasPrefix("-"):
                hosts.append(value)
            case (_, false, _):
                remaining.append(word)
                index += 1
                continue scan
            case (_, true, let value?) where !value.hasPrefix("-"):
                remaining += [word, value]
            default:
                break scan
            }
            index += 2
        }
        remaining += arguments[index...]
    }

    /// The top-level option spelled exactly `word` (`-c`, `--command`), without an attached value.
    private static func option(exactly word: String) -> FlagSpec? {
        TopLevelOptions.flags.first { flag in
            word == "--\(flag.long)" || flag.short.map { word == "-\($0)" } == true
        }
    }
}
