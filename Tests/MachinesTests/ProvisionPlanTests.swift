import Endpoints
import Foundation
@testable import Machines
import Testing

/// The pure parts of provisioning: the drop-in as docker-machine renders it, what an inspection
/// reads and refuses, and the generic driver's config.json read back.
@Suite struct ProvisionPlanTests {
    /// docker/machine libmachine/provision/systemd.go's template with every kind of option: labels (the
    /// driver's last), insecure registries, mirrors, arbitrary flags, each followed by a space.
    @Test func dropInKeepsDockerMachinesOrderWithTheHostsDockerdAndDriver() {
        let options = EngineOptions(labels: ["a=1", "b=2"], insecureRegistries: ["r:5000"], registryMirrors: ["https://m.example"],
                                    arbitraryFlags: ["log-level=debug"])
        let dropIn = SystemdDropIn(dockerd: "/usr/sbin/dockerd", port: 2376, storageDriver: "vfs", options: options, driver: "generic")
        #expect(dropIn.text == """
            [Service]
            ExecStart=
            ExecStart=/usr/sbin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --storage-driver vfs --tlsverify \
            --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem \
            --label a=1 --label b=2 --label provider=generic --insecure-registry r:5000 --registry-mirror https://m.example \
            --log-level=debug \("")
            Environment=

            """)
    }

    @Test func inspectionReadsTheScriptsLinesAndChoosesAWorkingStorageDriver() {
        let debian = HostInspection(output: """
            os=Debian GNU/Linux 12 (bookworm)
            pid1=systemd
            systemd=yes
            dockerd=/usr/sbin/dockerd
            docker_version=20.10.24+dfsg1
            driver=vfs
            overlay=yes
            package_manager=apt-get

            """)
        #expect(debian.refusal(install: false) == nil)
        #expect(debian.dockerd == "/usr/sbin/dockerd" && debian.system == "Debian GNU/Linux 12 (bookworm)")
        #expect(debian.storageDriver(requested: "") == "vfs", "the engine's own driver wins over overlay2")
        #expect(debian.storageDriver(requested: "overlay2") == "overlay2", "asked for is kept")
        var fresh = debian
        fresh.runningStorageDriver = ""
        #expect(fresh.storageDriver(requested: "") == "overlay2")
        fresh.overlayFilesystem = false
        #expect(fresh.storageDriver(requested: "") == "vfs")
    }

    @Test func inspectionRefusesWhatItCannotProvisionSayingWhy() {
        var host = HostInspection(output: "os=Alpine Linux v3.19\npid1=busybox\nsystemd=no\ndockerd=/usr/bin/dockerd\n")
        #expect(host.refusal(install: false)?.contains("Alpine Linux v3.19 does not run systemd (PID 1 is busybox)") == true)
        host.systemd = true
        host.dockerd = ""
        #expect(host.refusal(install: false)?.contains("Docker is not installed") == true)
        #expect(host.refusal(install: false)?.contains("add --install") == true)
        #expect(host.refusal(install: true)?.contains("no package manager was found") == true)
        host.packageManager = "apt-get"
        #expect(host.refusal(install: true) == nil)
        host.dockerd = "/usr/bin/docker"
        host.dockerVersion = "1.11.2"
        #expect(host.refusal(install: false)?.contains("older than 1.12") == true)
    }

    @Test func engineOptionsThatWouldBreakTheUnitLineAreRefusedByName() {
        for bad in ["a b", "x\"y", "$HOME", "100%", "", "a\\b", "line\nbreak"] {
            #expect(throws: MachineError.self) { try EngineOptions(arbitraryFlags: [bad]).validate() }
        }
        do {
            try EngineOptions(labels: ["team blue"]).validate()
            Issue.record("a label with a space was accepted")
        } catch {
            #expect(error.kind == .usage && error.description.contains("--engine-label \"team blue\""))
        }
        #expect(throws: Never.self) { try EngineOptions(labels: ["k=v"], arbitraryFlags: ["debug", "log-level=warn"]).validate() }
    }

    @Test func genericDriverFlagsAreCheckedBeforeAnythingIsSent() {
        #expect(throws: Never.self) { try GenericDriver(ipAddress: "203.0.113.10").validate() }
        for driver in [GenericDriver(ipAddress: ""), GenericDriver(ipAddress: "a b"), GenericDriver(ipAddress: "h", sshUser: "-oProxyCommand=x"),
                       GenericDriver(ipAddress: "h", sshPort: 0), GenericDriver(ipAddress: "h", enginePort: 70000)] {
            #expect(throws: MachineError.self) { try driver.validate() }
        }
        #expect(GenericDriver(ipAddress: "2001:db8::1").url == "tcp://[2001:db8::1]:2376")
    }

    /// What `commit` writes is docker-machine's generic shape, and `provision NAME` reads back the
    /// same driver fields and engine options from it.
    @Test func genericConfigJSONRoundTrips() throws {
        let root = NSTemporaryDirectory() + "dmux-provision-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = MachineLayout(root: root)
        let driver = GenericDriver(ipAddress: "203.0.113.10", sshUser: "ubuntu", sshPort: 2222, sshKeyPath: root + "/machines/web/id_rsa",
                                   sshKey: "/home/alice/.ssh/id_rsa", enginePort: 2377)
        let options = EngineOptions(labels: ["a=1"], insecureRegistries: ["r:5000"], registryMirrors: ["https://m"], arbitraryFlags: ["debug"],
                                    storageDriver: "vfs")
        let text = MachineConfigFile(name: "web", driver: .generic(driver), layout: layout, sans: ["web.example"], engineOptions: options).render()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["DriverName"] as? String == "generic")
        let fields = try #require(json["Driver"] as? [String: Any])
        #expect(fields["EnginePort"] as? Int == 2377 && fields["SSHPort"] as? Int == 2222 && fields["SSHKey"] as? String == "/home/alice/.ssh/id_rsa")
        #expect(fields["URL"] == nil)
        let (readDriver, readOptions) = try #require(try GenericDriver.saved(Array(text.utf8), file: "config.json"))
        #expect(readDriver == driver && readOptions == options)

        // `machine ssh`/`scp` log in with the driver's fields.
        let login = try MachineSSHLogin(machine: "web", config: Array(text.utf8), file: "config.json")
        #expect(login.user == "ubuntu" && login.port == 2222 && login.keyPath == driver.sshKeyPath)
    }
}
