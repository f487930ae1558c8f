/// Placeholder: `machine create|ls|rm|config|inspect|regenerate-certs` are being written.
enum MachineCommands {
    static let all: [CommandSpec] = []
}
