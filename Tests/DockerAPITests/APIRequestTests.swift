import Testing
@testable import DockerAPI

@Suite struct APIRequestTests {
    let v141 = APIVersion(major: 1, minor: 41)

    @Test func versionedTargetWithBasePath() {
        let r = EngineRequests.listContainers(all: true)
        #expect(r.target(apiVersion: v141, basePath: "") == "/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "/base") == "/base/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "/base/") == "/base/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "base") == "/base/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: nil, basePath: "") == "/containers/json?all=1")
    }

    /// A base path went into the request line as written: `GET /with space/v1.41/… HTTP/1.1`.
    @Test func basePathIsEscapedLikeGosURL() {
        let r = EngineRequests.listContainers(all: true)
        #expect(r.target(apiVersion: v141, basePath: "/prefix with space") == "/prefix%20with%20space/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "/prefix%20with%20space") == "/prefix%20with%20space/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "/é/a?b#c\r\n") == "/%C3%A9/a%3Fb%23c%0D%0A/v1.41/containers/json?all=1")
        #expect(r.target(apiVersion: v141, basePath: "/100%/x%zz%4") == "/100%25/x%25zz%254/v1.41/containers/json?all=1")
        #expect(EngineRequests.ping().target(apiVersion: v141, basePath: "/a:b@c/$&+,;=") == "/a:b@c/$&+,;=/_ping")
    }

    @Test func pingIsUnversionedButKeepsBasePath() {
        #expect(EngineRequests.ping().method == "HEAD")
        #expect(EngineRequests.ping(head: false).method == "GET")
        #expect(EngineRequests.ping().target(apiVersion: v141, basePath: "/proxy") == "/proxy/_ping")
    }

    @Test func filtersAreEncodedExactlyLikeTheCLI() {
        var f = Filters()
        f.add("name", "web-c1")
        f.add("label", "a=b")
        let r = EngineRequests.listContainers(filters: f)
        #expect(r.target(apiVersion: v141, basePath: "")
            == "/v1.41/containers/json?filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%2C%22name%22%3A%7B%22web-c1%22%3Atrue%7D%7D")
    }

    @Test func querySortedByKeyAndEscapedLikeGo() {
        let r = APIRequest(method: "GET", path: "/x", query: [
            QueryItem("z", "a b"), QueryItem("a", "1&2=3"), QueryItem("m", "é~_.-"), QueryItem("a", "second"),
        ])
        #expect(r.target(apiVersion: nil, basePath: "") == "/x?a=1%262%3D3&a=second&m=%C3%A9~_.-&z=a+b")
    }

    @Test func pathSegmentsAreEscaped() {
        let r = EngineRequests.inspectImage("registry:5000/busy box@sha256:ab")
        #expect(r.target(apiVersion: v141, basePath: "") == "/v1.41/images/registry:5000/busy%20box@sha256:ab/json")
        #expect(EngineRequests.inspectContainer("a?b#c").target(apiVersion: nil, basePath: "") == "/containers/a%3Fb%23c/json")
    }

    @Test func endpointShapes() {
        let t = { (r: APIRequest) in r.method + " " + r.target(apiVersion: v141, basePath: "") }
        #expect(t(EngineRequests.version()) == "GET /v1.41/version")
        #expect(t(EngineRequests.info()) == "GET /v1.41/info")
        #expect(t(EngineRequests.diskUsage()) == "GET /v1.41/system/df")
        #expect(t(EngineRequests.listContainers(all: true, limit: 3, size: true)) == "GET /v1.41/containers/json?all=1&limit=3&size=1")
        #expect(t(EngineRequests.listContainers()) == "GET /v1.41/containers/json")
        #expect(t(EngineRequests.listImages(all: true)) == "GET /v1.41/images/json?all=1")
        #expect(t(EngineRequests.containerLogs("c1", follow: true, tail: "10", since: "1700000000", timestamps: true))
            == "GET /v1.41/containers/c1/logs?follow=1&since=1700000000&stderr=1&stdout=1&tail=10&timestamps=1")
        #expect(t(EngineRequests.events(since: "1", until: "2")) == "GET /v1.41/events?since=1&until=2")
        #expect(t(EngineRequests.stats("c1", stream: false)) == "GET /v1.41/containers/c1/stats?stream=0")
        #expect(t(EngineRequests.stats("c1")) == "GET /v1.41/containers/c1/stats?stream=1")
        #expect(t(EngineRequests.stats("c1", stream: false, oneShot: true)) == "GET /v1.41/containers/c1/stats?one-shot=1&stream=0")
        #expect(t(EngineRequests.top("c1", psArgs: ["aux", "-o", "pid"])) == "GET /v1.41/containers/c1/top?ps_args=aux+-o+pid")
        #expect(t(EngineRequests.start("c1")) == "POST /v1.41/containers/c1/start")
        #expect(t(EngineRequests.stop("c1", timeout: 5)) == "POST /v1.41/containers/c1/stop?t=5")
        #expect(t(EngineRequests.restart("c1")) == "POST /v1.41/containers/c1/restart")
        #expect(t(EngineRequests.kill("c1", signal: "HUP")) == "POST /v1.41/containers/c1/kill?signal=HUP")
        #expect(t(EngineRequests.remove("c1", force: true, volumes: true)) == "DELETE /v1.41/containers/c1?force=1&v=1")
        #expect(t(EngineRequests.pause("c1")) == "POST /v1.41/containers/c1/pause")
        #expect(t(EngineRequests.unpause("c1")) == "POST /v1.41/containers/c1/unpause")
        #expect(t(EngineRequests.wait("c1", condition: "next-exit")) == "POST /v1.41/containers/c1/wait?condition=next-exit")
        #expect(t(EngineRequests.inspectExec("e1")) == "GET /v1.41/exec/e1/json")
        #expect(t(EngineRequests.resizeExec("e1", height: 24, width: 80)) == "POST /v1.41/exec/e1/resize?h=24&w=80")
        #expect(t(EngineRequests.pull(image: "busybox", tag: "latest")) == "POST /v1.41/images/create?fromImage=busybox&tag=latest")
        #expect(t(EngineRequests.removeImage("bb", force: true)) == "DELETE /v1.41/images/bb?force=1")
    }

    @Test func execStartUpgradesWithExactBody() {
        let r = EngineRequests.startExec("e1", tty: false, detach: false)
        #expect(r.upgradesToRawStream)
        #expect(r.header("connection") == "Upgrade")
        #expect(r.header("Upgrade") == "tcp")
        #expect(r.header("Content-Type") == "application/json")
        #expect(String(decoding: r.body ?? [], as: UTF8.self) == #"{"Detach":false,"Tty":false}"#)
        let sized = EngineRequests.startExec("e1", tty: true, consoleSize: (24, 80))
        #expect(String(decoding: sized.body ?? [], as: UTF8.self) == #"{"Detach":false,"Tty":true,"ConsoleSize":[24,80]}"#)
        let detached = EngineRequests.startExec("e1", detach: true)
        #expect(!detached.upgradesToRawStream)
        #expect(detached.header("Upgrade") == nil)
    }

    @Test func attachIsHijacked() {
        let r = EngineRequests.attach("c1", stdin: true)
        #expect(r.target(apiVersion: v141, basePath: "") == "/v1.41/containers/c1/attach?stderr=1&stdin=1&stdout=1&stream=1")
        #expect(r.upgradesToRawStream)
        #expect(r.header("Content-Type") == "text/plain")
    }

    @Test func createAndExecBodies() throws {
        let config = ContainerCreateConfig(
            image: "bb", cmd: ["sh", "-c", "echo hi"], labels: ["a": "b"], tty: true,
            hostConfig: .init(autoRemove: true, networkMode: "none"))
        let r = EngineRequests.create(name: "web", config: config)
        #expect(r.target(apiVersion: v141, basePath: "") == "/v1.41/containers/create?name=web")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.body ?? [])) as? [String: Any])
        #expect(json["Image"] as? String == "bb")
        #expect(json["Cmd"] as? [String] == ["sh", "-c", "echo hi"])
        #expect(json["Tty"] as? Bool == true)
        #expect(json["Entrypoint"] == nil)
        let host = try #require(json["HostConfig"] as? [String: Any])
        #expect(host["AutoRemove"] as? Bool == true)
        #expect(host["NetworkMode"] as? String == "none")

        let e = EngineRequests.createExec("c1", cmd: ["ls", "/"], tty: false, stdin: true, env: ["A=1"])
        #expect(e.target(apiVersion: v141, basePath: "") == "/v1.41/containers/c1/exec")
        let ej = try #require(try JSONSerialization.jsonObject(with: Data(e.body ?? [])) as? [String: Any])
        #expect(ej["Cmd"] as? [String] == ["ls", "/"])
        #expect(ej["AttachStdin"] as? Bool == true)
        #expect(ej["AttachStdout"] as? Bool == true)
        #expect(ej["AttachStderr"] as? Bool == true)
        #expect(ej["Tty"] as? Bool == false)
        #expect(ej["Env"] as? [String] == ["A=1"])
    }

    @Test func rawRequestsSplitTheirQuery() {
        let r = EngineRequests.raw(method: "get", path: "/containers/json?all=1&filters=%7B%7D")
        #expect(r.method == "GET")
        #expect(r.query == [QueryItem("all", "1"), QueryItem("filters", "{}")])
        #expect(r.target(apiVersion: v141, basePath: "") == "/v1.41/containers/json?all=1&filters=%7B%7D")
        let pinned = EngineRequests.raw(method: "GET", path: "/v1.24/info")
        #expect(pinned.target(apiVersion: v141, basePath: "") == "/v1.24/info")
        #expect(EngineRequests.raw(method: "GET", path: "_ping").target(apiVersion: v141, basePath: "") == "/_ping")
    }
}

import Foundation
