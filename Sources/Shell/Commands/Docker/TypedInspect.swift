/// `network inspect`, `volume inspect`, `image inspect`, `container inspect`: docker's inspect
/// of one kind of object, which is `inspect --type KIND` (InspectCommand) under the group's name.
enum TypedInspect {
    static func spec(_ kind: String) -> CommandSpec {
        var spec = InspectCommand.spec
        spec.flags.removeAll { $0.long == "type" }
        spec.summary = "Display detailed information on one or more \(kind)s"
        spec.usage = "[@TARGETS] \(kind) inspect [OPTIONS] \(kind.uppercased()) [\(kind.uppercased())...]"
        spec.arguments = [ArgumentSpec(kind.uppercased(), completion: kind == "container" ? .container : kind == "image" ? .image : .none, repeats: true)]
        spec.run = { invocation in
            var arguments = invocation.arguments
            arguments.values["type"] = [kind]
            try await InspectCommand.spec.run(Invocation(
                shell: invocation.shell, command: invocation.command, arguments: arguments, targets: invocation.targets,
                presenter: invocation.presenter, fanOut: invocation.fanOut, template: invocation.template))
        }
        return spec
    }
}
