#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers

/// Where the shell's output goes. Writes are whole lines or whole blocks, so output from
/// different hosts never interleaves inside a line.
public protocol Console: Sendable {
    func out(_ text: String)
    func err(_ text: String)
    /// Colour and terminal-width fitting apply only when this is true.
    var isTerminal: Bool { get }
    var useColor: Bool { get }
    var width: Int { get }
}

/// The process's stdout and stderr. A blocking write is the backpressure: when the reader is
/// slow, the host tasks wait here, stop reading from their engines, and memory stays bounded.
public final class StandardConsole: Console {
    public let isTerminal: Bool
    public let useColor: Bool
    private let lock = NIOLock()
    /// Set by the REPL while a prompt is shown, so asynchronous output does not garble the line.
    private let aboveprompt = NIOLockedValueBox<(@Sendable (String) -> Void)?>(nil)

    public init(color: ColorMode) {
        isTerminal = isatty(1) == 1
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = isTerminal && getenv("NO_COLOR") == nil
        }
    }

    public var width: Int {
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 200
    }

    /// While set, text goes through `printer` (the line editor's print-above-prompt) instead.
    public func redirectWhilePrompting(_ printer: (@Sendable (String) -> Void)?) {
        aboveprompt.withLockedValue { $0 = printer }
    }

    public func out(_ text: String) { emit(text, fd: 1) }
    public func err(_ text: String) { emit(text, fd: 2) }

    private func emit(_ text: String, fd: Int32) {
        if let printer = aboveprompt.withLockedValue({ $0 }) {
            printer(text)
            return
        }
        lock.withLock {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        // Someone made the shared descriptor non-blocking (another program on the
                        // same terminal or pipe): wait until it drains instead of spinning.
                        if errno == EAGAIN { waitUntilWritable(fd); continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}

/// Blocks until `fd` can take more bytes (or has failed: the next write says how).
private func waitUntilWritable(_ fd: Int32) {
    var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    while poll(&entry, 1, -1) < 0 && errno == EINTR {}
}

public enum ColorMode: String, Sendable, CaseIterable {
    case auto, always, never
}

/// Keeps everything written, for tests and for `__complete`.
public final class CapturingConsole: Console {
    private let buffers = NIOLockedValueBox<(out: String, err: String)>(("", ""))
    public let isTerminal: Bool
    public let useColor: Bool
    public let width: Int

    public init(isTerminal: Bool = false, useColor: Bool = false, width: Int = 200) {
        self.isTerminal = isTerminal
        self.useColor = useColor
        self.width = width
    }

    public func out(_ text: String) { buffers.withLockedValue { $0.out += text } }
    public func err(_ text: String) { buffers.withLockedValue { $0.err += text } }
    public var output: String { buffers.withLockedValue { $0.out } }
    public var errors: String { buffers.withLockedValue { $0.err } }
}
