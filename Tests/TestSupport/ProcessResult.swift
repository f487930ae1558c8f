/// What one finished child process printed and how it ended.
public struct ProcessResult: CustomStringConvertible, Sendable {
    /// The exit status as a shell shows it: 128 + the signal when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The child's own peak resident set size in KiB, sampled while it ran (see `PeakMemorySampler`).
    public var peakRSSKiB: Int = 0

    public init(status: Int32, stdout: String, stderr: String, peakRSSKiB: Int = 0) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.peakRSSKiB = peakRSSKiB
    }

    public var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    /// stdout's lines, without the empty string after the last newline.
    public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

public struct SpawnError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
