import Foundation
import Testing
@testable import DockerAPI

@Suite struct ModelTests {
    @Test func realEventFrom2010Decodes() throws {
        let json = #"{"status":"pause","id":"3e50","from":"bb","Type":"container","Action":"pause","Actor":{"ID":"3e50","Attributes":{"image":"bb","name":"web-c2"}},"scope":"local","time":1795978933,"timeNano":1795978933104840046}"#
        let e = try EngineJSON.decode(EngineEvent.self, from: Array(json.utf8))
        #expect(e.type == "container")
        #expect(e.action == "pause")
        #expect(e.actor.id == "3e50")
        #expect(e.actor.attributes == ["image": "bb", "name": "web-c2"])
        #expect(e.scope == "local")
        #expect(e.time == 1795978933)
        #expect(e.timeNano == 1795978933104840046)
        #expect(e.status == "pause")
        #expect(e.from == "bb")
        #expect(EngineReports.eventLine(e, timeZone: TimeZone(identifier: "UTC")!)
            == "2026-11-29T19:02:13.104840046Z container pause 3e50 (image=bb, name=web-c2)")
    }

    @Test func eventsThroughTheSplitter() throws {
        let stream = #"{"Type":"container","Action":"start","Actor":{"ID":"a","Attributes":{}},"time":1}"# + "\n"
            + #"{"Type":"network","Action":"connect","Actor":{"ID":"n","Attributes":{"name":"x{y}"}},"time":2,"timeNano":2000000005}"# + "\n"
        var splitter = JSONStreamSplitter()
        var events: [EngineEvent] = []
        for b in Array(stream.utf8) {
            for v in try splitter.feed([b]) { events.append(try EngineJSON.decode(EngineEvent.self, from: v)) }
        }
        #expect(events.map(\.action) == ["start", "connect"])
        let utc = TimeZone(identifier: "UTC")!
        #expect(EngineReports.eventLine(events[0], timeZone: utc) == "1970-01-01T00:00:01.000000000Z container start a")
        #expect(EngineReports.eventLine(events[1], timeZone: utc) == "1970-01-01T00:00:02.000000005Z network connect n (name=x{y})")
    }

    @Test func containerSummaryToleratesNullsAndMissing() throws {
        let json = #"[{"Id":"3e50c1d2a9f0aaaa","Names":["/ticker"],"Image":"bb:latest","ImageID":"sha256:ab","Command":"sleep 1000","Created":1700000000,"Ports":[{"PrivatePort":80,"Type":"tcp"}],"Labels":null,"State":"running","Status":"Up 2 minutes","NetworkSettings":{"Networks":{"none":{}}},"Mounts":[]},{"Id":"x"}]"#
        let list = try EngineJSON.decode([ContainerSummary].self, from: Array(json.utf8))
        #expect(list.count == 2)
        #expect(list[0].names == ["/ticker"])
        #expect(list[0].labels.isEmpty)
        #expect(list[0].ports == [ContainerSummary.Port(privatePort: 80, type: "tcp")])
        #expect(list[0].networks == ["none"])
        #expect(list[0].sizeRw == nil)
        #expect(list[1].id == "x")
        #expect(list[1].status == "")
    }

    @Test func inspectAndSmallResponses() throws {
        let inspect = try EngineJSON.decode(ContainerInspect.self, from: Array(#"{"Id":"abc","Name":"/web","Config":{"Tty":true,"Image":"bb","Cmd":["sh"],"Env":null,"Labels":{"a":"b"}},"State":{"Status":"exited","Running":false,"ExitCode":3}}"#.utf8))
        #expect(inspect.isTTY)
        #expect(inspect.config?.cmd == ["sh"])
        #expect(inspect.config?.env == [])
        #expect(inspect.state?.exitCode == 3)
        #expect(inspect.state?.status == "exited")
        let exec = try EngineJSON.decode(ExecInspect.self, from: Array(#"{"ID":"e","Running":false,"ExitCode":7}"#.utf8))
        #expect(exec.exitCode == 7 && !exec.running)
        let created = try EngineJSON.decode(ContainerCreated.self, from: Array(#"{"Id":"c1","Warnings":null}"#.utf8))
        #expect(created.id == "c1" && created.warnings.isEmpty)
        let wait = try EngineJSON.decode(WaitResponse.self, from: Array(#"{"StatusCode":137,"Error":null}"#.utf8))
        #expect(wait.statusCode == 137 && wait.errorMessage == nil)
        let wait2 = try EngineJSON.decode(WaitResponse.self, from: Array(#"{"StatusCode":1,"Error":{"Message":"boom"}}"#.utf8))
        #expect(wait2.errorMessage == "boom")
    }

    @Test func jsonMessagesIncludingInBandError() throws {
        let lines = [
            #"{"status":"Downloading","id":"abc","progressDetail":{"current":10,"total":100},"progress":"[=>   ] 10B/100B"}"#,
            #"{"stream":"Loaded image: web-imported:t1\n"}"#,
            #"{"aux":{"ID":"sha256:x"}}"#,
            #"{"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"}"#,
        ]
        let msgs = try lines.map { try EngineJSON.decode(JSONMessage.self, from: Array($0.utf8)) }
        #expect(msgs[0].progressDetail?.total == 100)
        #expect(msgs[1].stream == "Loaded image: web-imported:t1\n")
        #expect(msgs[2].aux == .object([("ID", .string("sha256:x"))]))
        #expect(msgs[0].failureMessage == nil)
        #expect(msgs[3].failureMessage == "The command '/bin/sh -c exit 3' returned a non-zero code: 3")
        #expect(msgs[3].errorDetail?.code == 3)
    }

    @Test func versionAndInfo() throws {
        let version = #"{"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64","BuildTime":"2023-05-18T08:38:34.000000000+00:00","Experimental":"false","GitCommit":"5d6db84","GoVersion":"go1.19.8","KernelVersion":"6.1.0","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+b1"}}],"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"}"#
        let v = try EngineJSON.decode(VersionInfo.self, from: Array(version.utf8))
        #expect(v.apiVersion == "1.41")
        #expect(v.components.count == 2)
        let expected = """
            Server:
             Engine:
              Version:          20.10.24+dfsg1
              API version:      1.41 (minimum version 1.12)
              Go version:       go1.19.8
              Git commit:       5d6db84
              Built:            Thu May 18 08:38:34 2023
              OS/Arch:          linux/amd64
              Experimental:     false
             containerd:
              Version:          1.6.20~ds1
              GitCommit:        1.6.20~ds1-1+b1

            """
        #expect(EngineReports.versionServer(v) == expected)

        let info = #"{"ID":"X:Y","Containers":3,"ContainersRunning":1,"ContainersPaused":1,"ContainersStopped":1,"Images":2,"Driver":"overlay2","DriverStatus":[["Backing Filesystem","extfs"]],"MemTotal":8335540224,"NCPU":2,"OperatingSystem":"Debian GNU/Linux 12 (bookworm)","OSType":"linux","Architecture":"x86_64","Name":"m1","ServerVersion":"20.10.24+dfsg1","KernelVersion":"6.1.0","DockerRootDir":"/var/lib/docker","CgroupDriver":"systemd","Unknown":{"x":1}}"#
        let i = try EngineJSON.decode(SystemInfo.self, from: Array(info.utf8))
        #expect(i.containersRunning == 1 && i.ncpu == 2 && i.memTotal == 8335540224)
        let text = InfoReport.server(i)
        #expect(text.contains("\n Containers: 3\n  Running: 1\n  Paused: 1\n  Stopped: 1\n Images: 2\n"))
        #expect(text.contains("\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n"))
        #expect(text.contains("\n Total Memory: 7.763GiB\n"))
        #expect(text.contains("\n CPUs: 2\n"))
    }

    /// A swarm manager's section and old-style security options, as prettyPrintServerInfo writes them.
    @Test func infoOfASwarmManager() throws {
        let json = #"""
            {"OSType":"linux","SecurityOptions":["apparmor","name=seccomp,profile=builtin","name=cgroupns"],
             "Swarm":{"NodeID":"n1","NodeAddr":"10.0.0.5","LocalNodeState":"active","ControlAvailable":true,"Error":"",
               "RemoteManagers":[{"NodeID":"n2","Addr":"10.0.0.6:2377"},{"NodeID":"n1","Addr":"10.0.0.5:2377"}],
               "Nodes":3,"Managers":2,
               "Cluster":{"ID":"c1","Spec":{"Orchestration":{"TaskHistoryRetentionLimit":5},
                 "Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":0,"HeartbeatTick":1,"ElectionTick":10},
                 "Dispatcher":{"HeartbeatPeriod":5000000000},
                 "CAConfig":{"NodeCertExpiry":7776000000000000,"ExternalCAs":[{"Protocol":"cfssl","URL":"https://ca"}]},
                 "EncryptionConfig":{"AutoLockManagers":false}},
                 "RootRotationInProgress":false,"DefaultAddrPool":["10.0.0.0/8"],"SubnetSize":24,"DataPathPort":4789}},
             "Runtimes":{"runc":{"path":"runc"},"crun":{"path":"crun"}},"DefaultRuntime":"runc",
             "RegistryConfig":{"IndexConfigs":{"docker.io":{"Name":"docker.io","Secure":true},"r.local:5000":{"Name":"r.local:5000","Secure":false}},
               "InsecureRegistryCIDRs":["127.0.0.0/8"],"Mirrors":["https://mirror"]}}
            """#
        let text = InfoReport.server(try EngineJSON.decode(SystemInfo.self, from: Array(json.utf8)))
        #expect(text.contains("""
             Swarm: active
              NodeID: n1
              Is Manager: true
              ClusterID: c1
              Managers: 2
              Nodes: 3
              Default Address Pool: 10.0.0.0/8  
              SubnetSize: 24
              Data Path Port: 4789
              Orchestration:
               Task History Retention Limit: 5
              Raft:
               Snapshot Interval: 10000
               Number of Old Snapshots to Retain: 0
               Heartbeat Tick: 1
               Election Tick: 10
              Dispatcher:
               Heartbeat Period: 5 seconds
              CA Configuration:
               Expiry Duration: 3 months
               Force Rotate: 0
               External CAs:
                 cfssl: https://ca
              Autolock Managers: false
              Root Rotation In Progress: false
              Node Address: 10.0.0.5
              Manager Addresses:
               10.0.0.5:2377
               10.0.0.6:2377
             Runtimes: crun runc
             Default Runtime: runc
            """), "\(text)")
        #expect(text.contains(" Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n"), "\(text)")
        #expect(text.contains(" Insecure Registries:\n  r.local:5000\n  127.0.0.0/8\n Registry Mirrors:\n  https://mirror\n"), "\(text)")
    }

    @Test func statsComputedLikeDockerStats() throws {
        let json = #"{"name":"/web","id":"3e50c1d2a9f0ffff","cpu_stats":{"cpu_usage":{"total_usage":400000000},"system_cpu_usage":20000000000,"online_cpus":2},"precpu_stats":{"cpu_usage":{"total_usage":200000000},"system_cpu_usage":18000000000,"online_cpus":2},"memory_stats":{"usage":10485760,"limit":104857600,"stats":{"inactive_file":2097152}},"networks":{"eth0":{"rx_bytes":1500,"tx_bytes":500},"eth1":{"rx_bytes":500,"tx_bytes":0}},"blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"Read","value":4096},{"major":8,"minor":0,"op":"Write","value":1000000},{"major":8,"minor":0,"op":"read","value":4096},{"op":"Total","value":1}]},"pids_stats":{"current":3}}"#
        let s = try EngineJSON.decode(StatsSample.self, from: Array(json.utf8))
        #expect(abs(s.cpuPercent - 20.0) < 1e-9)
        #expect(s.memUsage == 8388608)
        #expect(abs(s.memPercent - 8.0) < 1e-9)
        #expect(s.netIO.rx == 2000 && s.netIO.tx == 500)
        #expect(s.blockIO.read == 8192 && s.blockIO.write == 1000000)
        let row = StatsRow(s)
        let t = try FormatTemplate(StatsRow.defaultTableFormat)
        #expect(try t.render(row) == "3e50c1d2a9f0\tweb\t20.00%\t8MiB / 100MiB\t8.00%\t2kB / 500B\t8.19kB / 1MB\t3")
        // A stopped container: no precpu sample, no limit.
        let empty = try EngineJSON.decode(StatsSample.self, from: Array(#"{"name":"/x","blkio_stats":{"io_service_bytes_recursive":null}}"#.utf8))
        #expect(empty.cpuPercent == 0 && empty.memPercent == 0)
        #expect(StatsRow(empty).field("MemUsage") == "0B / 0B")
    }

    @Test func diskUsageSummary() throws {
        let du = DiskUsage(
            layersSize: 10_000_000,
            images: [ImageSummary(id: "a", size: 6_000_000, sharedSize: 1_000_000, containers: 1),
                     ImageSummary(id: "b", size: 4_000_000, sharedSize: 0, containers: 0)],
            containers: [ContainerSummary(id: "c1", state: "running", sizeRw: 100),
                         ContainerSummary(id: "c2", state: "exited", sizeRw: 300)],
            volumes: [DiskUsage.Volume(name: "v1", size: 2000, refCount: 1), DiskUsage.Volume(name: "v2", size: 1000, refCount: 0)],
            buildCache: [])
        let expected = """
            TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
            Images          2         1         10MB      5MB (50%)
            Containers      2         1         400B      300B (75%)
            Local Volumes   2         1         3kB       1kB (33%)
            Build Cache     0         0         0B        0B

            """
        #expect(EngineReports.diskUsage(du) == expected)
    }

    @Test func topUsesWideColumns() {
        let t = ContainerTop(titles: ["UID", "PID", "CMD"], processes: [["root", "4242", "sleep 1000"]])
        #expect(EngineReports.top(t) == "UID                 PID                 CMD\nroot                4242                sleep 1000\n")
    }
}
