import Foundation
import Testing
import TestSupport

/// `dmux env` prints what `docker-machine env` prints (docker/machine commands/env.go), byte for byte.
@Suite struct EnvCommandTests {
    static func env(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Dmux.run(arguments, environment: environment.merging(["MACHINE_STORAGE_PATH": try Fleet.machineStore]) { a, _ in a })
    }

    @Test func bashForTLS1() throws {
        let result = try Self.env(["env", "--shell", "bash", "tls1"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            export DOCKER_TLS_VERIFY="1"
            export DOCKER_HOST="\(try Fleet.tls1)"
            export DOCKER_CERT_PATH="\(try Fleet.certs("tls1"))"
            export DOCKER_MACHINE_NAME="tls1"
            # Run this command to configure your shell: \n# eval $(dmux env --shell bash tls1)

            """, "\(result)")
    }

    @Test func fishDetectedFromSHELL() throws {
        let result = try Self.env(["env", "tls1"], environment: ["SHELL": "/usr/bin/fish"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            set -gx DOCKER_TLS_VERIFY "1";
            set -gx DOCKER_HOST "\(try Fleet.tls1)";
            set -gx DOCKER_CERT_PATH "\(try Fleet.certs("tls1"))";
            set -gx DOCKER_MACHINE_NAME "tls1";
            # Run this command to configure your shell: \n# eval (dmux env tls1)

            """, "\(result)")
    }

    @Test func noProxyAddsTheMachineIPToTheExistingList() throws {
        let result = try Self.env(["env", "--shell", "bash", "--no-proxy", "tls1"], environment: ["NO_PROXY": "localhost"])
        #expect(result.stdout.contains("export DOCKER_MACHINE_NAME=\"tls1\"\nexport NO_PROXY=\"localhost,127.0.0.1\"\n# Run"), "\(result)")
    }

    @Test func emptySHELLIsAnUnknownShell() throws {
        let result = try Self.env(["env", "tls1"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "The default lines below are for a sh/bash shell, you can specify the shell you're using, with the --shell flag.\n\n", "\(result)")
        #expect(result.stderr.contains("Error: Unknown shell"), "\(result)")
    }

    @Test func unsetPrintsTheFourUnsetLinesAndRefusesAName() throws {
        let result = try Self.env(["env", "-u", "--shell", "tcsh"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            unsetenv DOCKER_TLS_VERIFY;
            unsetenv DOCKER_HOST;
            unsetenv DOCKER_CERT_PATH;
            unsetenv DOCKER_MACHINE_NAME;
            : Run this command to configure your shell: \n: eval `dmux env --shell tcsh -u`

            """, "\(result)")
        let named = try Self.env(["env", "-u", "tls1"], environment: ["SHELL": "/bin/bash"])
        #expect(named.status == 1, "\(named)")
        #expect(named.stdout.isEmpty, "\(named)")
        #expect(named.stderr.contains("Error: Expected no machine name when the -u flag is present"), "\(named)")
    }

    @Test func unknownMachineNamesIt() throws {
        let result = try Self.env(["env", "--shell", "bash", "nosuch"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("Error: Host does not exist: \"nosuch\""), "\(result)")
    }
}
