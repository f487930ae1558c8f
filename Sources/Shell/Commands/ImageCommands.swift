/// Placeholder: this family of commands is being written.
enum ImageCommands {
    static let all: [CommandSpec] = []
}
