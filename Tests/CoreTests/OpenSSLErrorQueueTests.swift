import COpenSSL
import Core
import Testing

/// The one reader of OpenSSL's error queue, for TLS and for Machines' certificates.
@Suite struct OpenSSLErrorQueueTests {
    @Test func aFailedCallLeavesItsReasonsAndDrainingEmptiesTheQueue() {
        OpenSSLErrorQueue.clear()
        #expect(BIO_new_file("/nonexistent/dmux-ca.pem", "r") == nil)
        let entries = OpenSSLErrorQueue.drain()
        #expect(!entries.isEmpty)
        #expect(OpenSSLErrorQueue.summary(entries)?.isEmpty == false)
        #expect(OpenSSLErrorQueue.drain().isEmpty)
        #expect(OpenSSLErrorQueue.drainSummary() == nil)
    }

    @Test func aReasonQueuedTwiceIsSaidOnce() {
        let entries = [("wrong version number", 1), ("wrong version number", 2), ("bad record", 3)].map {
            OpenSSLErrorQueue.Entry(library: 20, reason: Int32($0.1), reasonText: $0.0)
        }
        #expect(OpenSSLErrorQueue.reasons(entries) == ["wrong version number", "bad record"])
        #expect(OpenSSLErrorQueue.summary(entries) == "wrong version number: bad record")
        #expect(OpenSSLErrorQueue.summary([]) == nil)
    }
}
