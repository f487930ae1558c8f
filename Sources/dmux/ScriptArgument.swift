import Foundation

/// Decides whether `dmux WORD…` names a script or is one command line, by the word alone.
///
/// A command name always means the command: `dmux ps` must not run a file called `ps` that
/// happens to sit in the current directory (nor print nothing because of a directory `images/`).
/// So a word is a script only when it cannot be a command: it holds a `/` (`./deploy`,
/// `/etc/dmux/nightly`) or ends in `.dmux`. This is the rule `sh` uses to tell a path from a
/// command name, plus our own extension.
enum ScriptArgument {
    static func isScript(_ word: String) -> Bool {
        word.contains("/") || word.hasSuffix(".dmux")
    }

    /// Opens the script for reading, or gives the one line that says why it cannot be run.
    static func open(_ path: String, arguments: ArraySlice<String>) -> Result<FileHandle, ScriptError> {
        guard arguments.isEmpty else {
            return .failure(ScriptError("\(path): a script takes no arguments (got '\(arguments.joined(separator: " "))')"))
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            return .failure(ScriptError("\(path): cannot read script: \(String(cString: strerror(errno)))"))
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            return .failure(ScriptError("\(path): is a directory, not a script"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ScriptError("\(path): cannot read script: \(String(cString: strerror(errno)))"))
        }
        return .success(handle)
    }

    struct ScriptError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
