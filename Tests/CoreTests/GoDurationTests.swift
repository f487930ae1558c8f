import Testing
import Core

/// `GoDuration` against the cases of Go's time/time_test.go `parseDurationTests` and its errors.
@Suite struct GoDurationTests {
    @Test func goodDurationsAsGoReadsThem() throws {
        let cases: [(String, Int64)] = [
            ("0", 0), ("5s", 5_000_000_000), ("30s", 30_000_000_000), ("1478s", 1_478_000_000_000),
            ("-5s", -5_000_000_000), ("+5s", 5_000_000_000), ("-0", 0), ("+0", 0),
            ("5.0s", 5_000_000_000), ("5.6s", 5_600_000_000), ("5.s", 5_000_000_000), (".5s", 500_000_000),
            ("1.0s", 1_000_000_000), ("1.00s", 1_000_000_000), ("1.004s", 1_004_000_000), ("100.00100s", 100_001_000_000),
            ("10ns", 10), ("11us", 11_000), ("12µs", 12_000), ("12μs", 12_000), ("13ms", 13_000_000),
            ("15m", 900_000_000_000), ("16h", 57_600_000_000_000),
            ("3h30m", 12_600_000_000_000), ("10.5s4m", 250_500_000_000), ("-2m3.4s", -123_400_000_000),
            ("1h2m3s4ms5us6ns", 3_723_004_005_006),
            ("52763797000ns", 52_763_797_000),
            ("0.3333333333333333333h", 1_200_000_000_000),
            ("9007199254740993ns", 9_007_199_254_740_993),
            ("9223372036854775807ns", Int64.max), ("9223372036854775.807us", Int64.max),
            ("9223372036s854ms775us807ns", Int64.max),
            ("-9223372036854775808ns", Int64.min), ("-9223372036854775.808us", Int64.min),
            ("0.100000000000000000000h", 360_000_000_000),
            ("0.830103483285477580700h", 2_988_372_539_827),
        ]
        for (text, nanoseconds) in cases {
            #expect(try GoDuration.nanoseconds(text) == nanoseconds, "\(text)")
        }
        #expect(try GoDuration.seconds("1m30s") == 90)
    }

    @Test func badDurationsInGosWords() {
        func error(_ text: String) -> String {
            do throws(GoDuration.ParseError) { return "parsed \(try GoDuration.nanoseconds(text))" } catch { return error.description }
        }
        for text in ["", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\u{85}\u{85}", "\u{ffff}", "hello \u{ffff} world"] {
            #expect(error(text).hasPrefix("time: "), "\(text)")
        }
        #expect(error("") == #"time: invalid duration """#)
        #expect(error("3") == #"time: missing unit in duration "3""#)
        #expect(error("1d") == #"time: unknown unit "d" in duration "1d""#)
        #expect(error("-.s") == #"time: invalid duration "-.s""#)
        #expect(error("\u{85}") == #"time: invalid duration "\xc2\x85""#)
        for text in ["9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns",
                     "-9223372036854775809ns", "18446744073709551619s", "5124095576030431h1h", "1e3s"] {
            #expect(throws: GoDuration.ParseError.self, "\(text)") { try GoDuration.nanoseconds(text) }
        }
    }
}
