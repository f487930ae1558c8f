import Shell

/// dmux's options as the launcher reads them, taken from what the parser found for the root
/// node's flags (declared once, in `DmuxOptions`).
struct LaunchOptions {
    var hosts: [String]
    var tls: Bool
    /// `--tlsverify` / `--no-tlsverify`; nil when neither was given (the environment decides).
    var tlsVerify: Bool?
    var tlsCACert: String?
    var tlsCert: String?
    var tlsKey: String?
    var command: String?
    var onErrorStop: Bool
    var format: String?
    var fanout: String?
    var timeout: String?
    var color: String
    var noRC: Bool
    /// A script and nothing else, or one command line (`dmux ps -a`).
    var words: [String]

    init(_ parsed: ParsedArguments) {
        hosts = parsed.all("host")
        tls = parsed.isOn("tls")
        tlsVerify = parsed.has("no-tlsverify") ? !parsed.isOn("no-tlsverify") : parsed.has("tlsverify") ? parsed.isOn("tlsverify") : nil
        tlsCACert = parsed.value("tlscacert")
        tlsCert = parsed.value("tlscert")
        tlsKey = parsed.value("tlskey")
        command = parsed.value("command")
        onErrorStop = parsed.isOn("on-error-stop")
        format = parsed.value("format")
        fanout = parsed.value("fanout")
        timeout = parsed.value("timeout")
        color = parsed.value("color") ?? "auto"
        noRC = parsed.isOn("norc")
        words = parsed.positional
    }
}
