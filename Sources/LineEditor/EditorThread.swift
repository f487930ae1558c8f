@preconcurrency internal import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one thread that talks to libedit (its readline layer is neither thread-safe nor
/// reentrant).
///
/// It runs a blocking `readline()` whose input function polls stdin *and* a wake pipe. When
/// another thread needs the editor (output to print above the prompt, Ctrl-C routed here by
/// `SigintRouter`, a resize, close), the input function hands libedit a reserved key bound to
/// `handleWake`, which then runs inside libedit with the line state up to date. The callback
/// interface (`rl_callback_read_char`) was tried first: libedit keeps keys it pushes back
/// (the Enter that ends a ^R search) where `poll` cannot see them.
final class EditorThread: @unchecked Sendable {
    // @unchecked: fields marked "guarded" are accessed under `condition`; the rest only on the
    // editor thread after `start()`.
    private let condition = NSCondition()
    private var requests: [(prompt: String, reply: CheckedContinuation<LineEvent, Never>)] = []  // guarded
    private var reading = false  // guarded
    private var pendingOutput: [String] = []  // guarded
    private var interruptPending = false  // guarded
    private var resizePending = false  // guarded
    private var closing = false  // guarded
    private var finished = false  // guarded
    private var lastHistoryError: HistoryFileError?  // guarded
    private var wakeCount = 0  // guarded: bumped for every request that needs the editor

    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let completion: CompletionProvider?
    private let isSensitive: @Sendable (String) -> Bool
    private let historyFile: HistoryFile?
    private var persisted: [String] = []
    private var lastEntry: String?

    init(historyFile: HistoryFile?, completion: CompletionProvider?, isSensitive: @escaping @Sendable (String) -> Bool) {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe() failed for the line editor: errno \(errno)")
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        (wakeRead, wakeWrite) = (fds[0], fds[1])
        self.historyFile = historyFile
        self.completion = completion
        self.isSensitive = isSensitive
    }

    func start() {
        SigintRouter.shared.activate()
        let thread = Thread { [self] in run() }
        thread.name = "dmux-editor"
        thread.start()
    }

    var historyError: HistoryFileError? { condition.withLock { lastHistoryError } }

    func read(prompt: String) async -> LineEvent {
        await withCheckedContinuation { reply in
            condition.lock()
            if finished || closing {
                condition.unlock()
                reply.resume(returning: .endOfInput)
                return
            }
            requests.append((prompt, reply))
            condition.signal()
            condition.unlock()
        }
    }

    func printAbovePrompt(_ text: String) {
        condition.lock()
        defer { condition.unlock() }
        if reading {
            pendingOutput.append(text)
            wakeCount += 1
            wake()
        } else {
            TerminalOutput.write(TerminalOutput.terminated(text))
        }
    }

    /// Stops reading (a pending `read` gets `.endOfInput`), rewrites the history file and waits
    /// for the thread to finish.
    func close() {
        condition.lock()
        closing = true
        wakeCount += 1
        condition.broadcast()
        wake()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }

    // MARK: - Editor thread

    private func run() {
        Self.configureLocale()
        configureLibedit()
        loadHistory()
        while let request = waitForRequest() {
            SigintRouter.shared.setEditor { [self] signal in
                condition.withLock {
                    if signal == SIGINT { interruptPending = true } else { resizePending = true }
                    wakeCount += 1
                }
                wake()
            }
            let event = readLine(prompt: request.prompt)
            SigintRouter.shared.setEditor(nil)
            condition.withLock {
                reading = false
                if !pendingOutput.isEmpty {
                    TerminalOutput.write(pendingOutput.map(TerminalOutput.terminated).joined())
                    pendingOutput = []
                }
            }
            if case .line(let line) = event { record(line) }
            request.reply.resume(returning: event)
        }
        saveHistory()
        condition.withLock {
            finished = true
            let abandoned = requests
            requests = []
            abandoned.forEach { $0.reply.resume(returning: .endOfInput) }
            condition.broadcast()
        }
    }

    private func waitForRequest() -> (prompt: String, reply: CheckedContinuation<LineEvent, Never>)? {
        condition.lock()
        defer { condition.unlock() }
        while requests.isEmpty, !closing { condition.wait() }
        guard !closing else { return nil }
        reading = true
        interruptPending = false
        return requests.removeFirst()
    }

    /// One prompt: a blocking `readline()` whose input callback (`nextKey`) also watches the
    /// wake pipe, so libedit's own loop (history search, completion, pushed-back keys) runs
    /// unchanged.
    private func readLine(prompt: String) -> LineEvent {
        (interrupted, announcedWakes) = (false, 0)
        libeditActiveEditor = self
        defer { libeditActiveEditor = nil }
        guard let line = readline(prompt) else {
            TerminalOutput.write("\n")  // Ctrl-C, Ctrl-D or EOF: leave the terminal on a clean line
            return interrupted ? .interrupt : .endOfInput
        }
        defer { free(line) }
        return .line(String(cString: line))
    }

    private var interrupted = false
    private var announcedWakes = 0

    /// The next key for libedit: the wake key when work is pending, else a Unicode scalar from
    /// stdin, or -1 at end of input.
    func nextKey() -> Int32 {
        while true {
            let wakes = condition.withLock { wakeCount }
            if wakes != announcedWakes {
                announcedWakes = wakes
                return libeditWakeKey
            }
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 { drainWakePipe() }
            if fds[0].revents != 0 {
                guard let scalar = readScalar() else { return -1 }
                return Int32(bitPattern: scalar)
            }
        }
    }

    /// Reads one UTF-8 encoded scalar from stdin (U+FFFD for an invalid sequence), nil at EOF.
    private func readScalar() -> UInt32? {
        var first: UInt8 = 0
        guard Self.readByte(&first) else { return nil }
        let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0
        guard length > 1 else { return length == 1 ? UInt32(first) : 0xFFFD }
        var bytes = [first]
        for _ in 1..<length {
            var next: UInt8 = 0
            guard Self.readByte(&next), next & 0xC0 == 0x80 else { return 0xFFFD }
            bytes.append(next)
        }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
    }

    private static func readByte(_ byte: inout UInt8) -> Bool {
        while true {
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            return count == 1
        }
    }

    /// Called from libedit (wake key): prints pending output above the prompt, takes a resize,
    /// and on Ctrl-C or close ends `readline()` with the line left visible.
    func handleWake() {
        let (output, interrupt, resized, stop) = condition.withLock {
            defer { (pendingOutput, interruptPending, resizePending) = ([], false, false) }
            return (pendingOutput, interruptPending, resizePending, closing)
        }
        if resized { rl_resize_terminal() }
        if !output.isEmpty { showAbovePrompt(output) }
        if interrupt || stop {
            interrupted = interrupt
            TerminalOutput.write(TerminalOutput.moveToEndOfLine(prompt: rl_prompt) + (interrupt ? "^C" : ""))
            rl_done = 1  // libedit ends el_gets; readline() returns NULL
        }
    }

    /// Erases the prompt and the edited line, prints `texts`, and lets libedit redraw both.
    private func showAbovePrompt(_ texts: [String]) {
        let up = TerminalOutput.rowsAboveCursor(prompt: rl_prompt)
        let home = up > 0 ? "\r\u{1B}[\(up)A\u{1B}[J" : "\r\u{1B}[J"
        let body = texts.map(TerminalOutput.terminated).joined().replacingOccurrences(of: "\n", with: "\r\n")
        TerminalOutput.write(home + body)
        rl_forced_update_display()
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ Glibc.read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }

    // MARK: Setup and history

    /// libedit drops non-ASCII input unless LC_CTYPE is a UTF-8 locale.
    private static func configureLocale() {
        setlocale(LC_CTYPE, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8", setlocale(LC_CTYPE, "C.UTF-8") == nil {
            _ = setlocale(LC_CTYPE, "en_US.UTF-8")
        }
    }

    private func configureLibedit() {
        rl_catch_signals = 0  // SIGINT belongs to SigintRouter; libedit's handler would kill(0, …)
        rl_catch_sigwinch = 0
        rl_readline_name = UnsafePointer(strdup("dmux"))
        rl_getc_function = libeditGetc  // must be set before rl_initialize to be used
        libeditCompletionProvider = completion
        _ = rl_initialize()
        _ = rl_add_defun("dmux-wake", libeditWakeCommand, libeditWakeKey)
        rl_attempted_completion_function = libeditAttemptedCompletion
        rl_basic_word_break_characters = UnsafePointer(strdup(EditLineSource.wordBreakCharacters))
        rl_completer_word_break_characters = strdup(EditLineSource.wordBreakCharacters)
        rl_completion_append_character = Int32(UInt8(ascii: " "))
        using_history()
        stifle_history(Int32(clamping: historyFile?.limit ?? 1000))
    }

    private func loadHistory() {
        guard let historyFile else { return }
        do {
            persisted = try historyFile.load()
        } catch {
            condition.withLock { lastHistoryError = error }
        }
        for entry in persisted { _ = add_history(entry) }
        lastEntry = persisted.last
    }

    /// Every entered line goes to the in-memory history; only non-sensitive ones to the file.
    private func record(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastEntry else { return }
        lastEntry = line
        _ = add_history(line)
        guard let historyFile, !isSensitive(line) else { return }
        persisted.append(line)
        do {
            try historyFile.append(line)
        } catch {
            condition.withLock { lastHistoryError = error }
        }
    }

    private func saveHistory() {
        guard let historyFile, persisted.count > historyFile.limit else { return }
        do {
            try historyFile.rewrite(persisted)
        } catch {
            condition.withLock { lastHistoryError = error }
        }
    }
}
