import Foundation
@testable import Machines
import Testing

/// The store's files as a user or a tool may have left them: a root kept private, a CA key
/// that is encrypted or not a file at all. Each is one clear error naming the file, never a
/// prompt, a hang or a looser permission.
@Suite struct MachineStoreFilesTests {
    let root = temporaryStore()
    var storage: MachineStorage { MachineStorage(layout: MachineLayout(root: root), user: "alice") }

    /// `machine create` set an existing 0700 store root to 0755.
    @Test func anExistingStoreRootIsNeverLoosened() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        chmod(root, 0o700)
        _ = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        #expect(mode(root) == 0o700)
        #expect(mode(root + "/machines") == 0o700 && mode(root + "/certs") == 0o700)
        // A new root is made 0755, as docker-machine makes it.
        let fresh = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        _ = try MachineStorage(layout: MachineLayout(root: fresh), user: "alice").create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        #expect(mode(fresh) == 0o755)
    }

    /// OpenSSL's default password callback prompts on the terminal for an encrypted key.
    @Test(arguments: ["pkcs8", "traditional"])
    func anEncryptedCAKeyIsRefusedNamingTheFile(form: String) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        let caKey = storage.layout.caKey
        _ = try OpenSSLTool.run(["pkey", "-in", caKey, "-out", caKey + ".enc", "-aes256", "-passout", "pass:secret"]
                                + (form == "traditional" ? ["-traditional"] : []))
        #expect(rename(caKey + ".enc", caKey) == 0)
        let error = try #require(throws: MachineError.self) {
            try storage.create(name: "n", url: "tcp://127.0.0.1:1", sans: [], force: false)
        }
        #expect("\(error)".contains("reading the private key \(caKey) failed: the key is encrypted; dmux cannot use encrypted keys"),
                "\(error)")
    }

    /// A FIFO in place of the CA key made `machine create` wait for a writer forever.
    @Test func aCAKeyThatIsAFIFOIsRefusedAtOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        let caKey = storage.layout.caKey
        try FileManager.default.removeItem(atPath: caKey)
        #expect(mkfifo(caKey, 0o600) == 0)
        let error = try #require(throws: MachineError.self) {
            try storage.create(name: "n", url: "tcp://127.0.0.1:1", sans: [], force: false)
        }
        #expect("\(error)".contains("read \(caKey): not a regular file (a FIFO)"), "\(error)")
    }
}
