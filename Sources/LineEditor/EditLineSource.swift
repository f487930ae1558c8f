/// The interactive `LineSource`: libedit (emacs keys, history with ^R search, Tab completion)
/// on a dedicated thread, never on the cooperative pool.
///
/// Ctrl-C at the prompt returns `.interrupt` (the line is abandoned, the next call shows a fresh
/// prompt); Ctrl-D on an empty line returns `.endOfInput`. SIGINT is owned by `SigintRouter`
/// from the first `EditLineSource` on: while no prompt is reading it goes to
/// `InterruptMonitor` subscribers. Only one `EditLineSource` may exist per process (libedit's
/// readline layer is a global).
public final class EditLineSource: LineSource, Sendable {
    /// Characters that end the word Tab completes: whitespace, quotes and shell separators.
    /// `@`, `,`, `-`, `/`, `:` and `=` are part of words (`@m1,m2`, `--format`, `web/api:1.2`).
    public static let wordBreakCharacters = " \t\n\"'`;|&"

    private let editor: EditorThread

    /// - Parameters:
    ///   - historyFile: where entries persist (created 0600 with its directories); nil keeps
    ///     history in memory only.
    ///   - completion: Tab candidates for the word under the cursor; nil disables completion.
    ///   - isSensitive: lines for which it returns true are recallable in this session but
    ///     never written to `historyFile` (e.g. lines carrying credentials).
    public init(
        historyFile: String?,
        completion: CompletionProvider?,
        isSensitive: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        editor = EditorThread(
            historyFile: historyFile.map { HistoryFile(path: $0) },
            completion: completion,
            isSensitive: isSensitive)
        editor.start()
    }

    public func next(prompt: String) async -> LineEvent {
        await editor.read(prompt: prompt)
    }

    /// Prints `text` (a newline is added if missing) above the prompt without garbling the
    /// line being typed; prints it plainly when no prompt is showing. Callable from any thread.
    public func printAbovePrompt(_ text: String) {
        editor.printAbovePrompt(text)
    }

    /// The last failure to read or append to the history file, if any, for the shell to report.
    public var historyError: HistoryFileError? { editor.historyError }

    /// Ends the session: a pending `next` returns `.endOfInput`, the terminal is restored and
    /// the history file is compacted to its limit. Entries were already appended as entered.
    public func close() {
        editor.close()
    }
}
