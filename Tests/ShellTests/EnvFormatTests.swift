@testable import Shell
import Testing

/// `MachineEnvFormat` against docker/machine commands/env.go: every shell's prefix/delimiter/suffix in both
/// modes, the hint lines (with docker-machine's space before the newline), and --no-proxy.
@Suite struct EnvFormatTests {
    static let machine: [(name: String, value: String)] = [
        ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_HOST", "tcp://127.0.0.1:12376"),
        ("DOCKER_CERT_PATH", "/home/alice/.docker/machine/machines/web1"), ("DOCKER_MACHINE_NAME", "web1"),
    ]

    @Test func bashMatchesTheReferenceExampleByteForByte() throws {
        let text = try MachineEnvFormat(shell: "bash", mode: .set)
            .render(Self.machine, argv: ["docker-machine", "env", "--shell", "bash", "web1"])
        #expect(text == """
            export DOCKER_TLS_VERIFY="1"
            export DOCKER_HOST="tcp://127.0.0.1:12376"
            export DOCKER_CERT_PATH="/home/alice/.docker/machine/machines/web1"
            export DOCKER_MACHINE_NAME="web1"
            # Run this command to configure your shell: \n# eval $(docker-machine env --shell bash web1)

            """)
    }

    @Test(arguments: [
        ("bash", #"export DOCKER_HOST="tcp://h:1""# + "\n"),
        ("sh", #"export DOCKER_HOST="tcp://h:1""# + "\n"),
        ("zsh", #"export DOCKER_HOST="tcp://h:1""# + "\n"),
        ("ksh-unknown", #"export DOCKER_HOST="tcp://h:1""# + "\n"),
        ("fish", #"set -gx DOCKER_HOST "tcp://h:1";"# + "\n"),
        ("powershell", #"$Env:DOCKER_HOST = "tcp://h:1""# + "\n"),
        ("cmd", "SET DOCKER_HOST=tcp://h:1\n"),
        ("tcsh", #"setenv DOCKER_HOST "tcp://h:1";"# + "\n"),
        ("emacs", #"(setenv "DOCKER_HOST" "tcp://h:1")"# + "\n"),
    ])
    func setLine(shell: String, expected: String) throws {
        let text = try MachineEnvFormat(shell: shell, mode: .set).render([("DOCKER_HOST", "tcp://h:1")], argv: ["d"])
        #expect(text.hasPrefix(expected), "\(text)")
    }

    @Test(arguments: [
        ("bash", "unset DOCKER_TLS_VERIFY\n"),
        ("fish", "set -e DOCKER_TLS_VERIFY;\n"),
        ("powershell", #"Remove-Item Env:\\DOCKER_TLS_VERIFY"# + "\n"),
        ("cmd", "SET DOCKER_TLS_VERIFY=\n"),
        ("tcsh", "unsetenv DOCKER_TLS_VERIFY;\n"),
        ("emacs", #"(setenv "DOCKER_TLS_VERIFY" nil)"# + "\n"),
    ])
    func unsetLine(shell: String, expected: String) throws {
        let variables = MachineEnvFormat.machineVariables.map { ($0, "") }
        let text = try MachineEnvFormat(shell: shell, mode: .unset).render(variables, argv: ["d"])
        #expect(text.hasPrefix(expected), "\(text)")
        #expect(text.components(separatedBy: "\n").count == 4 + 2 + 1, "four variables, two hint lines")
    }

    @Test(arguments: [
        ("bash", "# Run this command to configure your shell: \n# eval $(dmux env web1)\n"),
        ("fish", "# Run this command to configure your shell: \n# eval (dmux env web1)\n"),
        ("powershell", "# Run this command to configure your shell: \n# & dmux env web1 | Invoke-Expression\n"),
        ("cmd", "REM Run this command to configure your shell: \nREM \t@FOR /f \"tokens=*\" %i IN ('dmux env web1') DO @%i\n"),
        ("tcsh", ": Run this command to configure your shell: \n: eval `dmux env web1`\n"),
        ("emacs", ";; Run this command to configure your shell: \n;; (with-temp-buffer (shell-command \"dmux env web1\" (current-buffer)) (eval-buffer))\n"),
    ])
    func usageHint(shell: String, expected: String) {
        #expect(MachineEnvFormat.usageHint(shell: shell, argv: ["dmux", "env", "web1"]) == expected)
    }

    @Test func argvZeroWithASpaceOrBackslashIsQuoted() {
        #expect(MachineEnvFormat.usageHint(shell: "bash", argv: ["/opt/my tools/dmux", "env", "a"]).hasSuffix("# eval $(\"/opt/my tools/dmux\" env a)\n"))
        #expect(MachineEnvFormat.usageHint(shell: "bash", argv: [#"C:\dm"#, "env"]).hasSuffix("# eval $(\"C:\\dm\" env)\n"))
    }

    @Test func noProxyPrefersANonEmptyLowercaseVariable() {
        #expect(MachineEnvFormat.noProxy(environment: [:], ip: "10.0.0.1", mode: .set) == ("NO_PROXY", "10.0.0.1"))
        #expect(MachineEnvFormat.noProxy(environment: ["NO_PROXY": "localhost"], ip: "10.0.0.1", mode: .set) == ("NO_PROXY", "localhost,10.0.0.1"))
        #expect(MachineEnvFormat.noProxy(environment: ["no_proxy": "a", "NO_PROXY": "b"], ip: "10.0.0.1", mode: .set) == ("no_proxy", "a,10.0.0.1"))
        #expect(MachineEnvFormat.noProxy(environment: ["no_proxy": "", "NO_PROXY": "b"], ip: "1.2.3.4", mode: .set) == ("NO_PROXY", "b,1.2.3.4"))
    }

    @Test func noProxyDoesNotAddAnIPAlreadyContainedAsASubstring() {
        // docker-machine's substring test: 10.0.0.10 suppresses 10.0.0.1.
        #expect(MachineEnvFormat.noProxy(environment: ["NO_PROXY": "10.0.0.10"], ip: "10.0.0.1", mode: .set) == ("NO_PROXY", "10.0.0.10"))
    }

    @Test func noProxyUnsetReproducesDockerMachinesBug() throws {
        let proxy = MachineEnvFormat.noProxy(environment: ["NO_PROXY": "localhost"], ip: "", mode: .unset)
        let variables = MachineEnvFormat.machineVariables.map { ($0, "") } + [proxy]
        let bash = try MachineEnvFormat(shell: "bash", mode: .unset).render(variables, argv: ["d"])
        #expect(bash.contains("unset NO_PROXYlocalhost\n"))
        let fish = try MachineEnvFormat(shell: "fish", mode: .unset)
            .render([MachineEnvFormat.noProxy(environment: ["no_proxy": "x"], ip: "", mode: .unset)], argv: ["d"])
        #expect(fish.hasPrefix("set -e no_proxyx;\n"))
        let emacs = try MachineEnvFormat(shell: "emacs", mode: .unset).render([proxy], argv: ["d"])
        #expect(emacs.hasPrefix("(setenv \"NO_PROXY\" nillocalhost)\n"))
        let cmd = try MachineEnvFormat(shell: "cmd", mode: .unset).render([("NO_PROXY", "x")], argv: ["d"])
        #expect(cmd.hasPrefix("SET NO_PROXY=x\n"))
        let empty = MachineEnvFormat.noProxy(environment: [:], ip: "", mode: .unset)
        #expect(try MachineEnvFormat(shell: "bash", mode: .unset).render([empty], argv: ["d"]).hasPrefix("unset NO_PROXY\n"))
    }

    @Test func shellIsTheBasenameOfSHELLAndUnknownWhenEmpty() {
        #expect(MachineEnvFormat.detectShell(environment: ["SHELL": "/usr/bin/fish"]) == "fish")
        #expect(MachineEnvFormat.detectShell(environment: ["SHELL": "zsh"]) == "zsh")
        #expect(MachineEnvFormat.detectShell(environment: ["SHELL": ""]) == nil)
        #expect(MachineEnvFormat.detectShell(environment: [:]) == nil)
    }
}
