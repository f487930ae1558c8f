import Foundation

/// Server certificates whose validity lies wholly in the past or the future, signed by a
/// TestAuthority with `openssl ca -startdate/-enddate` (openssl 3.0's `x509` cannot set a start
/// date), the way scripts/fleet/certs signs the fleet's.
extension TestAuthority {
    /// A server certificate for 127.0.0.1 valid only from `start` to `end` (`YYYYMMDDHHMMSSZ`).
    func server(validFrom start: String, until end: String, name: String) throws -> Issued {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let key = folder + "/key.pem", request = folder + "/req.csr", cert = folder + "/cert.pem"
        try """
            [ca]
            default_ca = test
            [test]
            database = \(folder)/index.txt
            new_certs_dir = \(folder)
            serial = \(folder)/serial
            default_md = sha256
            policy = policy_o
            unique_subject = no
            [policy_o]
            organizationName = supplied
            [x]
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1

            """.write(toFile: folder + "/ca.cnf", atomically: true, encoding: .utf8)
        try "".write(toFile: folder + "/index.txt", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: folder + "/serial", atomically: true, encoding: .utf8)
        try Self.run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request,
                      "-subj", "/O=dmux-test-\(name)"])
        // The CA's key sits beside its ca.pem (TestAuthority's layout).
        try Self.run(["ca", "-batch", "-notext", "-config", folder + "/ca.cnf", "-cert", caFile,
                      "-keyfile", directory + "/ca-key.pem", "-in", request, "-out", cert,
                      "-startdate", start, "-enddate", end, "-extensions", "x"])
        try FileManager.default.copyItem(atPath: caFile, toPath: folder + "/ca.pem")
        return Issued(caFile: folder + "/ca.pem", certificateFile: cert, privateKeyFile: key)
    }

    private static func run(_ arguments: [String]) throws {
        let result = try Dmux.spawn(["/usr/bin/openssl"] + arguments, stdin: "", environment: ["PATH": "/usr/bin:/bin"],
                                    inherit: [:], timeout: 60)
        guard result.status == 0 else { throw SpawnError("openssl \(arguments.first ?? "") failed: \(result.stderr)") }
    }
}
