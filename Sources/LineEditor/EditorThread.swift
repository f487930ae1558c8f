@preconcurrency internal import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one thread that talks to libedit, through its readline *callback* interface.
///
/// It polls stdin and a wake pipe, feeding libedit one character at a time, so between two
/// keystrokes it can also print asynchronous output above the prompt, take a Ctrl-C (routed
/// here by `SigintRouter`) or a window resize. Blocking `readline()` could do neither without
/// calling libedit from a second thread.
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

    /// One prompt: feed libedit until it hands over a line, or a signal or EOF ends the read.
    private func readLine(prompt: String) -> LineEvent {
        libeditFinishedLine = nil
        rl_callback_handler_install(prompt, libeditLineHandler)
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return finish(.endOfInput)
            }
            if fds[1].revents != 0 {
                drainWakePipe()
                let (output, interrupted, resized, stop) = condition.withLock {
                    defer { (pendingOutput, interruptPending, resizePending) = ([], false, false) }
                    return (pendingOutput, interruptPending, resizePending, closing)
                }
                if resized { rl_resize_terminal() }
                if !output.isEmpty { showAbovePrompt(output) }
                if interrupted { return finish(.interrupt) }
                if stop { return finish(.endOfInput) }
            }
            let input = fds[0].revents
            if input != 0 {
                if input & Int16(POLLIN) == 0 || Self.bytesAvailable(STDIN_FILENO) == 0 {
                    return finish(.endOfInput)  // hang-up or closed input, not a keystroke
                }
                rl_callback_read_char()
                if let event = libeditFinishedLine {
                    rl_callback_handler_remove()
                    if event == .endOfInput { TerminalOutput.write("\n") }  // Ctrl-D: leave a clean line
                    return event
                }
            }
        }
    }

    /// Leaves the line being edited in place, moves below it and restores the terminal.
    private func finish(_ event: LineEvent) -> LineEvent {
        let rows = TerminalOutput.rowsBelowCursor(prompt: rl_prompt)
        rl_callback_handler_remove()
        TerminalOutput.write(String(repeating: "\n", count: rows) + (event == .interrupt ? "^C\n" : "\n"))
        return event
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

    private static func bytesAvailable(_ fd: Int32) -> Int32 {
        var count: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &count) == 0 ? count : 1
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
        libeditCompletionProvider = completion
        _ = rl_initialize()
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
