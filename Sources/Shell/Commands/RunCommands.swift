/// Commands that start processes in containers and stream their output: `run` and `exec`.
enum RunCommands {
    static let all: [CommandSpec] = [RunCommand.spec, ExecCommand.spec]
}
