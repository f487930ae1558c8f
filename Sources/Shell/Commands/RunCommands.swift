/// Placeholder: this family of commands is being written.
enum RunCommands {
    static let all: [CommandSpec] = []
}
