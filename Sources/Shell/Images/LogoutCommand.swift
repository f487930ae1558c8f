import Registry

/// `logout [SERVER]`: erases the stored credentials in every form docker may have saved them
/// (docker/cli: cli/command/registry/logout.go). Local only: no engine is asked.
enum LogoutCommand {
    static let spec = CommandSpec(
        name: "logout", summary: "Log out from a registry (erase the stored credentials)",
        scope: .shell,
        arguments: [ArgumentSpec("SERVER", optional: true)]
    ) { invocation in
        let words = invocation.arguments.positional
        let server = words.first ?? ""
        var keys = [server.isEmpty ? ImageReference.hubAuthKey : server]
        var shown = keys[0]
        if !server.isEmpty {
            shown = RegistryAddress.hostname(server)
            keys += [shown, "http://" + shown, "https://" + shown]
        }
        invocation.console.out("Removing login credentials for \(shown)\n")
        var store = try RegistryAccess(invocation).store()
        var errors: [String] = []
        for key in keys {
            do { try store.erase(key) } catch { errors.append("\(key): \(error)") }
        }
        if errors.count == keys.count {
            invocation.console.err("WARNING: could not erase credentials:\n" + errors.map { $0 + "\n" }.joined())
        }
    }
}
