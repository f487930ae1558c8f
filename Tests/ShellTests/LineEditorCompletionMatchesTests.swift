import Testing
@testable import LineEditor
#if canImport(Glibc)
import Glibc
#endif

/// The match array handed to libedit, which reads `matches[2]` to decide on a single match.
@Suite struct CompletionMatchesTests {
    private func strings(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ count: Int) -> [String?] {
        (0..<count).map { array[$0].map { String(cString: $0) } }
    }

    private func free(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ count: Int) {
        for index in 0..<count { Glibc.free(array[index]) }
        Glibc.free(array)
    }

    @Test func aSingleMatchHasTwoNullsAfterIt() throws {
        let array = try #require(CompletionMatches.make(["hosts", "hosts"]))
        defer { free(array, 3) }
        #expect(strings(array, 3) == ["hosts", nil, nil])
    }

    @Test func severalMatchesFollowTheirCommonPrefix() throws {
        let array = try #require(CompletionMatches.make(["@tls1", "@tls2", "@tls1"]))
        defer { free(array, 4) }
        #expect(strings(array, 4) == ["@tls", "@tls1", "@tls2", nil])
    }

    @Test func noCandidateIsNoArray() {
        #expect(CompletionMatches.make([]) == nil)
    }
}
