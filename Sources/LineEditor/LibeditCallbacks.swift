@preconcurrency internal import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libedit's readline compatibility layer is one global instance per process, and its callbacks
// are plain C functions without a context pointer. These globals are read and written only on
// the editor thread (`EditorThread`), which is the only thread that calls into libedit.

/// The provider the Tab callback asks; set by the editor thread before libedit is initialised.
nonisolated(unsafe) var libeditCompletionProvider: CompletionProvider?
/// The editor whose `readline()` is running, for the input and wake-key callbacks.
nonisolated(unsafe) var libeditActiveEditor: EditorThread?

/// Key code the input callback hands libedit when there is work between keystrokes (print
/// above the prompt, Ctrl-C, resize); bound with `rl_add_defun` to `libeditWakeCommand`.
/// Ctrl-^ is unbound in libedit's emacs map; typed by hand it does nothing.
let libeditWakeKey: Int32 = 0x1E

/// `rl_getc_function`: waits on stdin and the wake pipe, returns whole Unicode scalars
/// (libedit stores the int as a wchar_t, so returning bytes would break UTF-8), -1 at EOF.
let libeditGetc: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    libeditActiveEditor?.nextKey() ?? -1
}

/// Runs inside libedit with `rl_point` and the line freshly updated by libedit's wrapper.
let libeditWakeCommand: @convention(c) (Int32, Int32) -> Int32 = { _, _ in
    libeditActiveEditor?.handleWake()
    return 0
}

/// `rl_attempted_completion_function`: asks the provider, answers in readline's format
/// (`[common prefix, candidates…, NULL]`, every string `strdup`ed, freed by libedit).
let libeditAttemptedCompletion:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
        _, _, end in
        rl_attempted_completion_over = 1  // never fall back to file names
        guard let provider = libeditCompletionProvider else { return nil }
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        let candidates = provider.completions(line: line, cursor: Int(end))
        return CompletionMatches.make(candidates)
    }

/// Builds readline's match array: `[common prefix, candidates…, NULL]`, or `[match, NULL, NULL]`
/// for a single match. libedit decides "single match, append a space" by reading `matches[2]`
/// even when `matches[1]` is NULL, so the array always has room for it: with two slots that
/// read went past the allocation (seen under AddressSanitizer as a Tab that added no space).
enum CompletionMatches {
    static func make(_ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let unique = candidates.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard let first = unique.first else { return nil }
        let strings = unique.count == 1 ? [first] : [commonPrefix(unique)] + unique
        let slots = max(strings.count + 1, 3)
        guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * slots)?
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots)
        else { return nil }
        array.initialize(repeating: nil, count: slots)
        for (index, string) in strings.enumerated() { array[index] = strdup(string) }
        return array
    }

    /// Longest common prefix in whole characters, so a multi-byte character is never split.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let characters = Array(string)
            var count = 0
            while count < prefix.count, count < characters.count, prefix[count] == characters[count] { count += 1 }
            prefix.removeSubrange(count...)
        }
        return String(prefix)
    }
}
