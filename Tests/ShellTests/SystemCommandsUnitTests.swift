import DockerAPI
import FanOut
import Testing

@testable import Shell

@Suite struct SystemTemplateTests {
    static let container = try! JSONParser.parse(Array("""
        {"Id":"3e50c1","Name":"/web","State":{"Status":"running","Pid":42,"Running":true},
         "Config":{"Cmd":["sleep","1000"],"Labels":{"tier":"front"},"Env":null},"Mounts":[]}
        """.utf8))

    func render(_ template: String, _ root: JSONValue = container) throws -> String {
        try JSONTemplate(template).render(root)
    }

    @Test func dottedPathsPrintScalarsAsGoDoes() throws {
        #expect(try render("{{.State.Status}} {{.Id}} {{.State.Pid}} {{.State.Running}}") == "running 3e50c1 42 true")
        #expect(try render("{{.Config.Cmd}} {{.Config.Labels}} {{.Config.Env}}") == "[sleep 1000] map[tier:front] <nil>")
    }

    @Test func functionsAndPipes() throws {
        #expect(try render("{{json .Config.Cmd}}|{{.Config.Labels | json}}") == #"["sleep","1000"]|{"tier":"front"}"#)
        #expect(try render(#"{{index .Config.Labels "tier"}} {{index .Config.Cmd 1}} [{{index .Config.Labels "none"}}]"#) == "front 1000 []")
        #expect(try render(#"{{len .Mounts}} {{join .Config.Cmd ","}} {{upper .Name}}"#) == "0 sleep,1000 /WEB")
        #expect(try render("{{json .}}").hasPrefix(#"{"Id":"3e50c1","Name":"/web","State":{"#))
    }

    @Test func aMissingStructFieldFailsAsDockersRawFallbackDoesButAMissingMapKeyIsNoValue() throws {
        #expect(throws: GoTemplateError(#"template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health""#)) {
            try render("{{.State.Health.Status}}")
        }
        #expect(try render("{{.Config.Labels.nope}}") == "<no value>")
    }

    @Test func wholeGoTemplatesAndParseErrorsInDockersWords() throws {
        #expect(try render("{{range .Mounts}}m{{else}}none{{end}} {{range $i, $c := .Config.Cmd}}{{$i}}={{$c}} {{end}}")
                == "none 0=sleep 1=1000 ")
        #expect(throws: ShellUsageError("template parsing error: template: :1: unclosed action")) { try JSONTemplate("{{.State") }
        #expect(throws: ShellUsageError(#"template parsing error: template: version:1: function "nope" not defined"#)) {
            try JSONTemplate("{{nope .Config}}", name: "version")
        }
    }

    @Test func versionTemplatesAcceptDockersServerPrefix() throws {
        let version = try JSONParser.parse(Array(#"{"Version":"20.10.24","ApiVersion":"1.41"}"#.utf8))
        let root = SystemCommands.templateRoot(version: version)
        #expect(try render("{{.Server.Version}} {{.ApiVersion}}", root) == "20.10.24 1.41")
        #expect(try render("{{.Server.APIVersion}} {{.APIVersion}}", root) == "1.41 1.41")
    }
}

@Suite struct SystemCommandsUnitTests {
    @Test func pingRowsSayUpOrDown() {
        var up = HostStatus()
        up.state = .up
        up.apiVersion = "1.41"
        up.engineVersion = "20.10.24"
        up.roundTrip = 0.0012
        let (cells, json) = PingCommand.row(up)
        #expect(cells == ["up", "1.41", "20.10.24", "1.2ms"])
        #expect(json.compact == #"{"status":"up","api":"1.41","engine":"20.10.24","rtt_ms":1.200}"#)

        var down = HostStatus()
        down.state = .down(reason: "no such socket")
        #expect(PingCommand.row(down).0 == ["down", "-", "-", "-"])
    }

    @Test func inspectPrintsDockersIndentedArrayOrOneTemplateLinePerObject() throws {
        let objects = [SystemTemplateTests.container, SystemTemplateTests.container]
        let text = try InspectCommand.text(objects, template: nil)
        #expect(text.hasPrefix("[\n    {\n        \"Id\": \"3e50c1\",\n        \"Name\": \"/web\",\n        \"State\": {\n            \"Status\": \"running\","))
        #expect(text.hasSuffix("    }\n]\n"))
        #expect(text.contains("\"Mounts\": []"))
        #expect(try InspectCommand.text(objects, template: try JSONTemplate("{{.Name}}")) == "/web\n/web\n")
    }

    @Test func inspectsFormatFlagIsDockersShortF() throws {
        let parsed = try InspectCommand.spec.parse(["-f", "{{.Id}}", "--type", "image", "bb"])
        #expect(parsed.value("format") == "{{.Id}}")
        #expect(parsed.positional == ["bb"])
        #expect(InspectCommand.spec.flags.filter { $0.long == "format" }.count == 1)
    }

    @Test func topKeepsPsOptionsAfterTheContainer() throws {
        let parsed = try SystemCommands.top.parse(["web", "-o", "pid,comm"])
        #expect(parsed.positional == ["web", "-o", "pid,comm"])
    }
}
