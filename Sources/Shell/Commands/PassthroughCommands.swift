/// Commands that hand the engines to something else: the raw Engine API (`api`), local programs
/// with each host's docker environment (`!`), and a shell's `eval` (`env`).
enum PassthroughCommands {
    static let all: [CommandSpec] = [ApiCommand.spec, PassthroughCommand.spec, EnvCommand.spec]
}
