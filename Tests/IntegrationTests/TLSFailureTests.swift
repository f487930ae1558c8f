import Foundation
import Glibc
import Testing
import TLS
import TestSupport

/// The failure matrix of issue 2, through the real binary: each bad setup costs one line on stderr,
/// `NAME: reason`, naming the file at fault where there is one, and the host is reported down.
@Suite struct TLSFailureTests {
    /// Runs `dmux ARGS -c reconnect` and returns the one stderr line about `host`.
    private func failure(_ host: String, _ arguments: [String], environment: [String: String] = [:],
                         inherit: [Int32: Int32] = [:]) throws -> String {
        try failureAndOutput(host, arguments, environment: environment, inherit: inherit).line
    }

    private func failureAndOutput(_ host: String, _ arguments: [String], environment: [String: String] = [:],
                                  inherit: [Int32: Int32] = [:]) throws -> (line: String, result: ProcessResult) {
        let result = try Dmux.run(arguments + ["-c", "reconnect"], environment: environment, inherit: inherit)
        #expect(result.status == 3, "none reachable: \(result)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("\(host): ") }
        #expect(lines.count == 1, "\(result)")
        return (try #require(lines.first.map(String.init), "\(result)"), result)
    }

    private func tlsFlags(ca: String, cert: String? = nil, key: String? = nil) -> [String] {
        ["--tlsverify", "--tlscacert", ca] + (cert.map { ["--tlscert", $0] } ?? []) + (key.map { ["--tlskey", $0] } ?? [])
    }

    private var tls1Folder: String { get throws { try Fleet.certs("tls1") } }

    @Test func wrongCA() throws {
        let other = try TestAuthority(organization: "not-the-engines-ca")
        defer { other.remove() }
        let flags = tlsFlags(ca: other.caFile, cert: try tls1Folder + "/cert.pem", key: try tls1Folder + "/key.pem")
        let line = try failure("w", flags + ["-H", "w=\(try Fleet.tls1)"])
        #expect(line == "w: TLS: certificate verify failed: certificate signed by unknown authority (ca.pem: \(other.caFile))")
    }

    @Test func ipAddressMismatch() async throws {
        // tls1's certificate names 127.0.0.1 and localhost; the same engine reached at 127.0.0.2 is not it.
        let relay = try await TransportRelay.start(host: "127.0.0.2", to: try Self.tcpTarget(Fleet.tls1))
        let folder = try tls1Folder
        let flags = tlsFlags(ca: folder + "/ca.pem", cert: folder + "/cert.pem", key: folder + "/key.pem")
        let line = try failure("ip", flags + ["-H", "ip=\(relay.url)"])
        await relay.stop()
        #expect(line == "ip: TLS: certificate verify failed: IP address mismatch "
            + "(server certificate is valid for 127.0.0.1, localhost; not 127.0.0.2)")
        #expect(relay.snapshot.accepted >= 1, "the connection reached the engine's address")
    }

    @Test func hostNameMismatch() async throws {
        // A TLS engine (unix1 behind our TLS server) whose certificate names 127.0.0.1 only.
        let authority = try TestAuthority()
        defer { authority.remove() }
        let server = try authority.server(["IP:127.0.0.1"])
        let client = try authority.client()
        let context = try TLSServerContext(certificateFile: server.certificateFile, privateKeyFile: server.privateKeyFile,
                                           clientCAFile: authority.caFile)
        let relay = try await TransportRelay.start(to: .unix(path: Fleet.path(try Fleet.unix1)), tls: context)
        defer { Task { await relay.stop() } }
        let flags = tlsFlags(ca: client.caFile, cert: client.certificateFile, key: client.privateKeyFile)

        // The control: by the address it names, the stand-in is a working TLS engine.
        let good = try Dmux.run(flags + ["-H", "ok=\(relay.url)", "hosts", "--format", "json"])
        #expect(good.stdout.contains(#""host":"ok","#) && good.stdout.contains(#""state":"up""#), "\(good)")

        let line = try failure("n", flags + ["-H", "n=tcp://localhost:\(relay.port)"])
        #expect(line == "n: TLS: certificate verify failed: host name mismatch "
            + "(server certificate is valid for 127.0.0.1; not localhost)")
    }

    @Test func missingClientCertificateIsRejectedByTheEngine() throws {
        let line = try failure("m", tlsFlags(ca: try tls1Folder + "/ca.pem") + ["-H", "m=\(try Fleet.tls1)"])
        #expect(line == "m: TLS: no client certificate was sent; the engine requires one (--tlsverify): "
            + "provide cert.pem and key.pem")
    }

    @Test func clientCertificateOfAnotherCAIsRejectedByTheEngine() throws {
        let authority = try TestAuthority()
        defer { authority.remove() }
        let stranger = try authority.client()
        let flags = tlsFlags(ca: try tls1Folder + "/ca.pem", cert: stranger.certificateFile, key: stranger.privateKeyFile)
        let line = try failure("s", flags + ["-H", "s=\(try Fleet.tls1)"])
        #expect(line == "s: TLS: the engine rejected the client certificate (cert.pem: \(stranger.certificateFile))")
    }

    @Test func keyNotMatchingCertificate() throws {
        let authority = try TestAuthority()
        defer { authority.remove() }
        let other = try authority.client(name: "other")
        let cert = try tls1Folder + "/cert.pem"
        let flags = tlsFlags(ca: try tls1Folder + "/ca.pem", cert: cert, key: other.privateKeyFile)
        let line = try failure("k", flags + ["-H", "k=\(try Fleet.tls1)"])
        #expect(line == "k: TLS: private key does not match certificate (cert.pem: \(cert); key.pem: \(other.privateKeyFile))")
    }

    @Test func encryptedKey() throws {
        let authority = try TestAuthority()
        defer { authority.remove() }
        let locked = try authority.encrypted(try authority.client(), name: "locked")
        let flags = tlsFlags(ca: locked.caFile, cert: locked.certificateFile, key: locked.privateKeyFile)
        let (line, result) = try failureAndOutput("e", flags + ["-H", "e=\(try Fleet.tls1)"])
        #expect(line == "e: TLS: private key is encrypted (key.pem: \(locked.privateKeyFile)); dmux cannot use encrypted keys")
        #expect(!result.stderr.lowercased().contains("pass phrase"), "never prompts: \(result)")
    }

    @Test func plaintextEngineBehindATLSURLGetsNoPlaintext() async throws {
        // unix1 on loopback TCP: a real engine that speaks plain HTTP.
        let relay = try await TransportRelay.start(to: .unix(path: Fleet.path(try Fleet.unix1)))
        let folder = try tls1Folder
        let flags = tlsFlags(ca: folder + "/ca.pem", cert: folder + "/cert.pem", key: folder + "/key.pem")
        let line = try failure("p", flags + ["-H", "p=\(relay.url)"])
        let sent = await relay.waitFor { $0.open == 0 }.received
        await relay.stop()
        #expect(line == "p: TLS: the engine answered in plain HTTP; is it listening without TLS? "
            + "(refusing to fall back to plaintext)")
        // Never a fallback: everything dmux sent was TLS records (a ClientHello), no HTTP request.
        #expect(sent.first == 0x16, "first byte \(sent.first.map { String($0) } ?? "none") is not a TLS handshake record")
        let text = String(decoding: sent, as: UTF8.self)
        for plaintext in ["GET ", "HEAD ", "HTTP/1.1", "_ping"] {
            #expect(!text.contains(plaintext), "plaintext \(plaintext.debugDescription) reached the engine")
        }
    }

    @Test func tlsEngineBehindAPlainURL() throws {
        let line = try failure("t", ["-H", "t=\(try Fleet.tls1)"])
        #expect(line == "t: Client sent an HTTP request to an HTTPS server. (the engine wants TLS: use --tlsverify and a cert path)")
    }

    @Test func refusedPort() throws {
        let port = try Self.closedPort()
        let line = try failure("r", ["-H", "r=tcp://127.0.0.1:\(port)"])
        #expect(line == "r: cannot connect to tcp://127.0.0.1:\(port): connection refused (is the docker daemon running?)")
    }

    @Test func badDescriptors() throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }
        #expect(try failure("f", ["-H", "f=fd://5"], inherit: [5: pipeEnds[0]])
            == "f: cannot use fd://5: descriptor is not a socket")

        let unconnected = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(unconnected) }
        #expect(try failure("f", ["-H", "f=fd://5"], inherit: [5: unconnected])
            == "f: cannot use fd://5: socket is not connected")

        // A number the parent never passed is refused before anything uses it: no host, one line.
        let never = try Dmux.run(["-H", "f=fd://87", "-c", "reconnect"])
        #expect(never.stderr == "f: cannot use fd://87: not inherited by dmux (only a descriptor open when dmux started can be adopted)\n",
                "\(never)")
    }

    // MARK: helpers

    static func tcpTarget(_ url: String) throws -> TransportRelay.Target {
        let hostPort = url.dropFirst("tcp://".count).split(separator: ":")
        guard hostPort.count == 2, let port = Int(hostPort[1]) else { throw SpawnError("not tcp://HOST:PORT: \(url)") }
        return .tcp(host: String(hostPort[0]), port: port)
    }

    /// A loopback port nothing listens on: bound once by the kernel's choice, then released.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw SpawnError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
