import Core
import Testing
@testable import DockerAPI

/// Go text/template semantics, with outputs as Go 1.24's text/template and docker's functions give them.
@Suite struct GoTemplateTests {
    static let data = TemplateValue(try! JSONParser.parse(Array(#"""
    {"Id":"3e50c1d2a9f0","State":{"Status":"running","Running":true,"Pid":4242,"ExitCode":0,"Health":null},
     "Config":{"Cmd":["sh","-c","sleep 1"],"Labels":{"tier":"front","app":"web"},"Env":[]},
     "NetworkSettings":{"Networks":{"none":{"IPAddress":""},"bridge":{"IPAddress":"172.17.0.2"}}},
     "Ratio":0.5,"Big":1000000.0,"Mounts":[]}
    """#.utf8)))

    func run(_ source: String, _ data: TemplateValue = data) throws -> String {
        try GoTemplate(source).execute(data)
    }

    @Test func fieldsVariablesAndPrinting() throws {
        #expect(try run("{{.State.Status}}/{{.State.Pid}}/{{.State.Running}}") == "running/4242/true")
        #expect(try run("{{.Config.Cmd}} {{.Config.Labels}} {{.State.Health}}") == "[sh -c sleep 1] map[app:web tier:front] <nil>")
        #expect(try run("{{.Ratio}} {{.Big}}") == "0.5 1e+06")
        #expect(try run("{{$x := .State}}{{$x.Status}} {{$.Id}}") == "running 3e50c1d2a9f0")
        #expect(try run("{{$n := 1}}{{$n = 2}}{{$n}}") == "2")
        #expect(try run("{{.Config.Labels.missing}}|{{.State.Health.Status}}") == "<no value>|<no value>")
        #expect(try run("{{/* a comment */}}x {{- \"  y\" -}}  z") == "x  yz")
    }

    @Test func controlStructures() throws {
        #expect(try run("{{range .NetworkSettings.Networks}}[{{.IPAddress}}]{{end}}") == "[172.17.0.2][]")
        #expect(try run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}") == "app=web;tier=front;")
        #expect(try run("{{range $i, $c := .Config.Cmd}}{{if $i}},{{end}}{{$i}}:{{$c}}{{end}}") == "0:sh,1:-c,2:sleep 1")
        #expect(try run("{{range .Mounts}}m{{else}}none{{end}}") == "none")
        #expect(try run("{{range .Config.Cmd}}{{if eq . \"-c\"}}{{break}}{{end}}{{.}}{{end}}") == "sh")
        #expect(try run("{{range .Config.Cmd}}{{if eq . \"-c\"}}{{continue}}{{end}}{{.}}{{end}}") == "shsleep 1")
        #expect(try run("{{range 3}}{{.}}{{end}}") == "012")
        #expect(try run("{{if .State.Running}}up{{else}}down{{end}}") == "up")
        #expect(try run("{{if not .State.Running}}a{{else if .Id}}b{{else}}c{{end}}") == "b")
        #expect(try run("{{with .State}}{{.Status}}{{end}}{{with .Mounts}}x{{else}}empty{{end}}") == "runningempty")
        #expect(try run("{{with $s := .State.Status}}{{$s}}{{end}}") == "running")
        #expect(try run(#"{{define "t"}}<{{.}}>{{end}}{{template "t" .State.Status}}{{block "b" 1}}[{{.}}]{{end}}"#) == "<running>[1]")
    }

    @Test func builtins() throws {
        #expect(try run("{{len .Config.Cmd}} {{len .Id}} {{len .Config.Labels}}") == "3 12 2")
        #expect(try run(#"{{index .Config.Cmd 1}} {{index .Config.Labels "tier"}} {{index .Config.Labels "nope"}}|"#) == "-c front |")
        #expect(try run("{{slice .Id 0 4}} {{slice .Config.Cmd 1}}") == "3e50 [-c sleep 1]")
        #expect(try run("{{and 1 0 2}} {{or 0 \"\" 3}} {{and 1 2}} {{or 0 false}}") == "0 3 2 false")
        #expect(try run("{{eq .State.Pid 4242}} {{eq .State.Status \"x\" \"running\"}} {{ne 1 2}} {{lt 1 2}} {{ge \"b\" \"a\"}}")
                == "true true true true true")
        #expect(try run(#"{{print "a" "b" 1 2 "c"}}|{{println 1 "x"}}|"#) == "ab1 2c|1 x\n|")
        #expect(try run(#"{{printf "%5.2f|%-4s|%q|%x|%05d|%v|%t|%s" 3.14159 "ab" "c\"d" 255 42 .Config.Cmd true .Id}}"#)
                == #" 3.14|ab  |"c\"d"|ff|00042|[sh -c sleep 1]|true|3e50c1d2a9f0"#)
        #expect(try run(#"{{printf "%d %s" "x"}}|{{printf "%d" 1 2}}"#) == "%!d(string=x) %!s(MISSING)|1%!(EXTRA int=2)")
        #expect(try run(#"{{html "<a&b>"}} {{urlquery "a b&c"}} {{js "it's"}}"#) == #"&lt;a&amp;b&gt; a+b%26c it\'s"#)
        #expect(try run("{{.State.Status | printf \"%s!\"}} {{(index .Config.Cmd 0) | len}}") == "running! 2")
    }

    @Test func dockerFunctions() throws {
        #expect(try run("{{json .Config.Cmd}} {{json .State.Status}} {{json .Config.Labels}}")
                == #"["sh","-c","sleep 1"] "running" {"tier":"front","app":"web"}"#)
        #expect(try run(#"{{join .Config.Cmd ","}} {{split "a:b:c" ":"}} {{title "hello docker-world"}}"#) == "sh,-c,sleep 1 [a b c] Hello Docker-World")
        #expect(try run(#"{{upper .State.Status}} {{lower "ABC"}} [{{pad "x" 1 2}}] [{{pad "" 1 2}}] {{truncate .Id 4}} {{truncate "ab" 9}}"#)
                == "RUNNING abc [ x  ] [] 3e50 ab")
        #expect(try run(#"{{json "<&>"}}"#) == #""<&>""#)
    }

    @Test func errorsReadAsGos() {
        func failure(_ source: String, _ data: TemplateValue = Self.data) -> String {
            do {
                _ = try GoTemplate(source).execute(data)
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(failure("{{foo}}") == #"template: :1: function "foo" not defined"#)
        #expect(failure("{{.Id") == "template: :1: unclosed action")
        #expect(failure("{{range .Config.Cmd}}") == "template: :1: unexpected EOF")
        #expect(failure("{{end}}") == "template: :1: unexpected {{end}}")
        #expect(failure("a\n{{break}}") == "template: :2: {{break}} outside {{range}}")
        #expect(failure("{{$x}}") == #"template: :1: undefined variable "$x""#)
        #expect(failure("{{.Nope}}") == #"template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope""#)
        #expect(failure("{{index .Config.Cmd 5}}") == #"template: :1:2: executing "" at <index .Config.Cmd 5>: error calling index: index out of range: 5"#)
        #expect(failure("{{upper 3}}") == #"template: :1:8: executing "" at <3>: expected string; found 3"#)
        #expect(failure("{{upper .State.Pid}}") == #"template: :1:14: executing "" at <.State.Pid>: wrong type for value; expected string; got int"#)
        #expect(failure("{{len}}") == #"template: :1:2: executing "" at <len>: wrong number of args for len: want 1 got 0"#)
        #expect(failure("{{range .Id}}{{end}}") == #"template: :1:8: executing "" at <.Id>: range can't iterate over 3e50c1d2a9f0"#)
        #expect(failure("{{.Id.X}}") == #"template: :1:5: executing "" at <.Id.X>: can't evaluate field X in type interface {}"#)
        #expect(failure("{{.Foo.Bar}}") == #"template: :1:6: executing "" at <.Foo.Bar>: map has no entry for key "Foo""#)
        #expect(failure("{{eq 1 \"a\"}}") == #"template: :1:2: executing "" at <eq 1 "a">: error calling eq: incompatible types for comparison"#)
    }

    @Test func hostileTemplatesFailInsteadOfTrapping() {
        let sources = ["{{", "}}{{", "{{\"\\ud800\"}}", "{{'ab'}}", "{{0x}}", "{{1e999}}", "{{-}}", "{{(}}", "{{)}}",
                       "{{" + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300) + "}}",
                       #"{{define "a"}}{{template "a"}}{{end}}{{template "a"}}"#, "{{printf \"%\"}}", "{{slice .Id 3 1}}",
                       "{{9999999999999999999}}", "{{index . 1}}", "{{range $a, $b, $c := .}}{{end}}"]
        for source in sources {
            if let template = try? GoTemplate(source) { _ = try? template.execute(Self.data) }
        }
    }
}
