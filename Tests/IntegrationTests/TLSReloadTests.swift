import Foundation
import Testing

/// TLS files are read when a connection is made, not once per process: a `ca.pem` replaced
/// while dmux runs is what the next `connect` or `reconnect` trusts, against a real TLS engine
/// (tls1). The contexts were cached by path for the life of the process.
@Suite struct TLSReloadTests {
    @Test func replacedCAIsTrustedByReconnectAndDistrustedByConnect() throws {
        let other = try TestAuthority(organization: "dmux-test-other-ca")
        defer { other.remove() }
        let fleet = try Fleet.certs("tls1")
        let folder = other.directory + "/client"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in ["cert.pem", "key.pem"] { try FileManager.default.copyItem(atPath: fleet + "/" + file, toPath: folder + "/" + file) }
        try FileManager.default.copyItem(atPath: other.caFile, toPath: folder + "/ca.pem")
        let connect = "connect x \(try Fleet.tls1) --tlsverify --cert-path \(folder)"
        let unknownAuthority = "x: TLS: certificate verify failed: certificate signed by unknown authority (ca.pem: \(folder)/ca.pem)"

        let dmux = try RunningDmux([])
        defer { if dmux.isRunning { dmux.terminate() } }
        dmux.send(connect)
        #expect(dmux.waitForLine(within: 20) { $0.stderr && $0.text == unknownAuthority } != nil, "\(dmux.transcript)")

        // Replaced by a rename (a new inode), as editors and `docker-machine regenerate-certs` do.
        try FileManager.default.copyItem(atPath: fleet + "/ca.pem", toPath: folder + "/ca.pem.new")
        #expect(rename(folder + "/ca.pem.new", folder + "/ca.pem") == 0)
        var since = Date()
        dmux.send("reconnect")
        dmux.send("@x info --format '{{.ServerVersion}}'")
        #expect(dmux.waitForLine(within: 20, since: since) { !$0.stderr && $0.text.hasPrefix("20.10") } != nil, "\(dmux.transcript)")

        // Overwritten in place (the same inode): the size and modification time tell.
        try Data(contentsOf: URL(fileURLWithPath: other.caFile)).write(to: URL(fileURLWithPath: folder + "/ca.pem"))
        since = Date()
        dmux.send("disconnect x")
        dmux.send(connect)
        #expect(dmux.waitForLine(within: 20, since: since) { $0.stderr && $0.text == unknownAuthority } != nil, "\(dmux.transcript)")
        #expect(dmux.finish(within: 20) != 0, "\(dmux.transcript)")
    }
}
