import Foundation
import Testing
import TestSupport

/// `--format` templates give what the docker CLI gives for the same object on the same engine:
/// Go's text/template with docker's functions, and Go's words when a template is wrong.
@Suite(.serialized) struct TemplateParityTests {
    /// Templates a docker user types, over a running container with labels and arguments.
    static let templates = [
        "{{.Name}} {{.State.Status}} {{.State.Running}} {{.RestartCount}} {{slice .Id 0 12}}",
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
        "{{range .NetworkSettings.Networks}}[{{.IPAddress}}]{{end}} {{.HostConfig.NetworkMode}}",
        "{{if .State.Running}}up{{else}}down{{end}} {{with .Config.Cmd}}{{index . 0}}{{end}} {{with .Mounts}}m{{else}}no mounts{{end}}",
        "{{json .Config.Cmd}} {{json .Config.Labels}} {{json .State.Status}}",
        #"{{len .Config.Cmd}} {{printf "%s-%05d|%-6s|%q" .Config.Image 42 "ab" .Path}}"#,
        #"{{join .Config.Cmd ","}} {{upper .State.Status}} {{title "a-b c"}} {{split "a:b" ":"}} {{pad .Path 1 2}}|"#,
        #"{{eq .State.Status "running" "exited"}} {{ne .RestartCount 0}} {{lt 1 2}} {{and .State.Running .Config.Cmd}} {{or "" .Path}}"#,
        #"{{index .Config.Labels "tier"}}|{{index .Config.Labels "none"}}|{{.Config.Labels.none}}"#,
        "{{range $i, $a := .Args}}{{$i}}:{{$a}} {{end}}",
        #"{{range .Args}}{{if eq . "1000"}}{{break}}{{end}}{{.}}{{end}} {{range 3}}{{.}}{{end}}"#,
        #"{{- /* trimmed */ -}} {{ .Path -}} | {{- .Name }}"#,
        #"{{$n := len .Args}}{{if gt $n 1}}{{printf "%d args" $n}}{{end}}"#,
    ]

    /// Templates that fail, and must fail with docker's words.
    static let broken = ["{{.Nope}}", "{{foo .Id}}", "{{.State.Health.Status}}", "{{index .Args 9}}", "{{upper .Args}}", "{{.Id"]

    @Test func inspectTemplatesPrintWhatDockerPrints() throws {
        let name = FleetDocker.uniqueName("template")
        _ = try FleetDocker.run("unix1", ["run", "-d", "--network", "none", "--name", name, "--label", "tier=front",
                                          "--label", "app.kind=web", Fleet.image, "sleep", "1000"])
        defer { FleetDocker.remove(name, from: ["unix1"]) }

        for template in Self.templates {
            let docker = try FleetDocker.run("unix1", ["inspect", "--format", template, name])
            let dmux = try Dmux.run(["-H", "unix1=\(try Fleet.unix1)", "inspect", "--format", template, name],
                                    environment: ["DMUX_RC": "/dev/null"])
            #expect(dmux.status == 0 && dmux.stdout == docker.stdout, "\(template)\ndocker: \(docker)\ndmux: \(dmux)")
        }
        for template in Self.broken {
            let docker = try FleetDocker.run("unix1", ["inspect", "--format", template, name], allowFailure: true)
            let dmux = try Dmux.run(["-H", "unix1=\(try Fleet.unix1)", "inspect", "--format", template, name],
                                    environment: ["DMUX_RC": "/dev/null"])
            let words = docker.stderr.split(separator: "\n").last.map(String.init) ?? "?"
            #expect(docker.status != 0 && dmux.status != 0 && dmux.stderr.contains(words),
                    "\(template)\ndocker: \(docker)\ndmux: \(dmux)")
        }
    }

    @Test func listTemplatesPrintWhatDockerPrints() throws {
        let name = FleetDocker.uniqueName("template-ps")
        _ = try FleetDocker.create(name, on: ["unix1"])
        defer { FleetDocker.remove(name, from: ["unix1"]) }
        let cases: [[String]] = [
            ["ps", "-a", "--filter", "name=\(name)", "--format", #"{{.Names}} {{upper .State}} {{.Label "none"}}|{{printf "%.5s" .Command}}"#],
            ["ps", "-a", "--filter", "name=\(name)", "--format", #"table {{.Names}}\t{{if eq .State "created"}}new{{end}}\t{{pad .Image 1 1}}"#],
            // One image: docker orders images of equal age unstably (sort.Slice), so a whole list may differ.
            ["images", "--filter", "reference=dmux-test/busybox", "--format", #"{{if eq .Repository "dmux-test/busybox"}}{{.Repository}}:{{.Tag}}{{end}}"#],
            ["ps", "--format", "{{.Nmes}}"],
            // The error names the first image's ID: one image, for the reason above.
            ["images", "--filter", "reference=dmux-test/busybox", "--format", "{{range .ID}}{{end}}"],
        ]
        for arguments in cases {
            let docker = try FleetDocker.run("unix1", arguments, allowFailure: true)
            let dmux = try Dmux.run(["-H", "unix1=\(try Fleet.unix1)"] + arguments, environment: ["DMUX_RC": "/dev/null"])
            if docker.status == 0 {
                #expect(dmux.status == 0 && dmux.stdout == docker.stdout, "\(arguments)\ndocker: \(docker)\ndmux: \(dmux)")
            } else {
                let words = docker.stderr.split(separator: "\n").last.map(String.init) ?? "?"
                #expect(dmux.status != 0 && dmux.stderr.contains(words), "\(arguments)\ndocker: \(docker)\ndmux: \(dmux)")
            }
        }
    }
}
