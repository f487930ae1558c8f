/// Placeholder: this family of commands is being written.
enum ContainerCommands {
    static let all: [CommandSpec] = []
}
