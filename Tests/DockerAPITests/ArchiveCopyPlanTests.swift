import Testing
@testable import DockerAPI

/// moby's PrepareArchiveCopy cases (pkg/archive/copy.go), the rules `docker cp` follows both ways.
@Suite struct ArchiveCopyPlanTests {
    typealias Plan = ArchiveCopyPlan

    @Test func intoAnExistingDirectoryTheNameIsKept() throws {
        #expect(try Plan.plan(sourceBase: "src", sourceIsDirectory: true, destination: "/tmp", exists: true, isDirectory: true)
                == Plan(directory: "/tmp", rename: nil))
        #expect(try Plan.plan(sourceBase: "a", sourceIsDirectory: false, destination: "/tmp/", exists: true, isDirectory: true)
                == Plan(directory: "/tmp/", rename: nil))
    }

    @Test func ontoANewOrExistingFileTheTopIsRenamed() throws {
        #expect(try Plan.plan(sourceBase: "a", sourceIsDirectory: false, destination: "/tmp/b", exists: true, isDirectory: false)
                == Plan(directory: "/tmp", rename: ("a", "b")))
        #expect(try Plan.plan(sourceBase: "src", sourceIsDirectory: true, destination: "/tmp/new", exists: false, isDirectory: false)
                == Plan(directory: "/tmp", rename: ("src", "new")))
        #expect(try Plan.plan(sourceBase: "a", sourceIsDirectory: false, destination: "b", exists: false, isDirectory: false)
                == Plan(directory: ".", rename: ("a", "b")))
        #expect(try Plan.plan(sourceBase: "a", sourceIsDirectory: false, destination: "/a", exists: false, isDirectory: false)
                == Plan(directory: "/", rename: nil))
    }

    @Test func dockersRefusals() {
        #expect(throws: Plan.Refusal.cannotCopyDirectory) {
            try Plan.plan(sourceBase: "src", sourceIsDirectory: true, destination: "/tmp/file", exists: true, isDirectory: false)
        }
        #expect(throws: Plan.Refusal.noSuchDirectory) {
            try Plan.plan(sourceBase: "a", sourceIsDirectory: false, destination: "/nodir/", exists: false, isDirectory: false)
        }
        #expect(Plan.Refusal.cannotCopyDirectory.description == "cannot copy directory")
        #expect(Plan.Refusal.noSuchDirectory.description == "no such directory")
    }

    @Test func membersAreRebasedUnderTheNewTopOnly() {
        let plan = Plan(directory: "/tmp", rename: ("src", "new"))
        #expect(plan.rebased("src") == "new")
        #expect(plan.rebased("src/") == "new/")
        #expect(plan.rebased("src/sub/b") == "new/sub/b")
        #expect(plan.rebased("./src/a") == "new/a")
        #expect(plan.rebased("srcx/a") == "srcx/a")
    }
}
