import DockerAPI

/// docker's parsers for `update`'s values: memory sizes (go-units RAMInBytes), `--cpus`
/// (opts.ParseCPUs) and `--restart` (opts.ParseRestartPolicy), each failing in docker's words.
enum UpdateValues {
    /// `512m`, `1.5g`, `1024`, `2GiB`: binary multiples, as go-units RAMInBytes reads them.
    static func bytes(_ text: String, flag: String) throws(ShellUsageError) -> Int64 {
        let lower = Array(text.lowercased())
        var end = lower.count
        if end > 0 && lower[end - 1] == "b" { end -= 1 }
        if end > 0 && lower[end - 1] == "i" { end -= 1 }
        var multiplier: Double = 1
        if end > 0, let power = "kmgtp".firstIndex(of: lower[end - 1]) {
            multiplier = pow1024("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)
            end -= 1
        }
        let number = String(lower[..<end]).trimmingSuffixSpace
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), number.first != ".",
              let value = Double(number) else {
            throw ShellUsageError("invalid argument \"\(text)\" for \"--\(flag)\" flag: invalid size: '\(text)'")
        }
        return Int64(value * multiplier)
    }

    /// `--memory-swap -1`: unlimited swap.
    static func swapBytes(_ text: String) throws(ShellUsageError) -> Int64 {
        text == "-1" ? -1 : try bytes(text, flag: "memory-swap")
    }

    /// `--cpus 1.5` → 1 500 000 000 nano CPUs; more than nine decimals is "too precise".
    static func nanoCPUs(_ text: String) throws(ShellUsageError) -> Int64 {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(\.isNumber), fraction.allSatisfy(\.isNumber),
              let units = Int64(whole.isEmpty ? "0" : whole) else {
            throw ShellUsageError("invalid argument \"\(text)\" for \"--cpus\" flag: failed to parse \(text) as a rational number")
        }
        let digits = fraction.reversed().drop { $0 == "0" }.reversed()
        guard digits.count <= 9 else { throw ShellUsageError("invalid argument \"\(text)\" for \"--cpus\" flag: value is too precise") }
        let nanos = Int64(String(digits) + String(repeating: "0", count: 9 - digits.count)) ?? 0
        return units * 1_000_000_000 + nanos
    }

    /// `no`, `always`, `unless-stopped`, `on-failure[:N]` as `{"Name","MaximumRetryCount"}`.
    static func restartPolicy(_ text: String) throws(ShellUsageError) -> JSONValue {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 && parts[0].isEmpty {
            throw ShellUsageError("invalid restart policy format: no policy provided before colon")
        }
        var count = 0
        if parts.count == 2 && !parts[1].isEmpty {
            guard let given = Int(parts[1]) else {
                throw ShellUsageError("invalid restart policy format: maximum retry count must be an integer")
            }
            count = given
        }
        return .object([("Name", .string(String(parts[0]))), ("MaximumRetryCount", .int(count))])
    }

    private static func pow1024(_ power: Int) -> Double {
        (0..<power).reduce(1.0) { value, _ in value * 1024 }
    }
}

private extension String {
    var trimmingSuffixSpace: String { hasSuffix(" ") ? String(dropLast()) : self }
}
