/// Placeholder: this family of commands is being written.
enum StreamCommands {
    static let all: [CommandSpec] = []
}
