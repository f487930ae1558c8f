/// Placeholder: this family of commands is being written.
enum ListCommands {
    static let all: [CommandSpec] = []
}
