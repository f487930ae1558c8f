/// What one read at the prompt produced.
///
/// `interrupt` is Ctrl-C at the prompt (the shell discards the line and prompts again);
/// `endOfInput` is Ctrl-D on an empty line, or the end of a script or pipe.
public enum LineEvent: Sendable, Equatable {
    case line(String)
    case interrupt
    case endOfInput
}

/// A source of input lines: the interactive editor, a pipe or script file, or a fixed list (tests).
///
/// The REPL and the batch loop are the same loop over a `LineSource`; only the source differs.
public protocol LineSource: Sendable {
    /// Reads the next line, showing `prompt` when the source is interactive (others ignore it).
    /// After `.endOfInput` every further call returns `.endOfInput` again.
    func next(prompt: String) async -> LineEvent
}

/// Completion candidates for the line being edited.
///
/// Called on the editor thread while the user waits for Tab, so it must be synchronous and fast:
/// answer from data the caller already holds (command table, cached host and container names).
public protocol CompletionProvider: Sendable {
    /// Candidates that replace the word under the cursor. `cursor` is a character offset into `line`.
    func completions(line: String, cursor: Int) -> [String]
}
