/// Placeholder: this family of commands is being written.
enum PassthroughCommands {
    static let all: [CommandSpec] = []
}
