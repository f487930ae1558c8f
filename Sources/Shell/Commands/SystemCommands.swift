/// Placeholder: this family of commands is being written.
enum SystemCommands {
    static let all: [CommandSpec] = []
}
