import Foundation
import Testing
@testable import Shell

/// `--since`/`--until` for logs and events, converted as the docker client's GetTimestamp does.
@Suite struct StreamTimestampTests {
    let now = Date(timeIntervalSince1970: 1_795_978_900)
    let utc = TimeZone(secondsFromGMT: 0)!

    @Test func durationsCountBackFromNow() throws {
        #expect(try DockerTimestamp.parse("10m", now: now) == "1795978300")
        #expect(try DockerTimestamp.parse("1h30m", now: now) == "1795973500")
        #expect(try DockerTimestamp.parse("1.5s", now: now) == "1795978898")
        #expect(try DockerTimestamp.parse("-5s", now: now) == "1795978905")
    }

    /// A zone offset Foundation cannot hold and a duration past Go's limit trapped (`!`, Int64(_:)).
    @Test func outOfRangeOffsetsAndDurationsAreRefused() throws {
        for value in ["2026-11-29T19:01:01+99:99", "2026-11-29T19:01:01-24:00", "2026-11-29T19:01:01+23:60",
                      "99999999999999999999999h", "2562048h", "-9999999999999999999s"] {
            #expect(throws: ShellUsageError.self, "\(value)") { try DockerTimestamp.parse(value, now: now) }
        }
        #expect(try DockerTimestamp.parse("2026-11-29T19:01:01+18:00", now: now) == "1795914061.000000000")
        #expect(try DockerTimestamp.parse("2562047h", now: now) == String(1795978900 - 2562047 * 3600))
    }

    /// `set timeout inf` (or `--timeout 1e300`) trapped in Int(_:).
    @Test func timeoutsBeyondGosDurationAreRefused() throws {
        for value in ["inf", "1e300", "1e300ms", "9223372036855s", "nan", "-1", "0"] {
            #expect(throws: ShellUsageError.self, "\(value)") { try ShellSettings.parseDuration(value) }
        }
        #expect(try ShellSettings.parseDuration("1.5") == .milliseconds(1500))
        #expect(try ShellSettings.parseDuration("2m") == .seconds(120))
        #expect(try ShellSettings.parseDuration("9223372036s") == .seconds(9223372036))
    }

    @Test func datesBecomeSecondsAndNanoseconds() throws {
        #expect(try DockerTimestamp.parse("2026-11-29T19:01:01Z", now: now) == "1795978861.000000000")
        #expect(try DockerTimestamp.parse("2026-11-29T19:01:01.104840046Z", now: now) == "1795978861.104840046")
        #expect(try DockerTimestamp.parse("2026-11-29T19:01:01.5+01:00", now: now) == "1795975261.500000000")
        #expect(try DockerTimestamp.parse("2026-11-29T19:01", now: now, timeZone: utc) == "1795978860.000000000")
        // Without a zone the time is local, as docker reads it.
        let plus2 = TimeZone(secondsFromGMT: 7200)!
        #expect(try DockerTimestamp.parse("2026-11-29", now: now, timeZone: plus2) == "1795903200.000000000")
    }

    @Test func unixTimestampsPassAsTheyAre() throws {
        #expect(try DockerTimestamp.parse("1795978933", now: now) == "1795978933")
        #expect(try DockerTimestamp.parse("1795978933.104840046", now: now) == "1795978933.104840046")
        #expect(try DockerTimestamp.parse("0", now: now) == "0")
    }

    @Test func anythingElseIsAUsageErrorNamingTheValue() {
        #expect(throws: DockerTimestamp.invalid("yesterday")) { try DockerTimestamp.parse("yesterday", now: now) }
        #expect(throws: DockerTimestamp.invalid("2026-11-29T19:01:01Q")) { try DockerTimestamp.parse("2026-11-29T19:01:01Q", now: now) }
        #expect(throws: DockerTimestamp.invalid("10x")) { try DockerTimestamp.parse("10x", now: now) }
    }
}
