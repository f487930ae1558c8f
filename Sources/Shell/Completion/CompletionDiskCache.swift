import FanOut
import Foundation

/// Completion answers kept on disk between `dmux __complete` runs. A login shell starts dmux
/// afresh for every Tab, and bash asks a second time to list the candidates: within the live
/// cache's lifetime that second Tab answers from here instead of reaching every host again.
///
/// An answer is reused only for the same host name at the same address. The file is the user's
/// alone (0600 in a 0700 folder) and written atomically; a missing, foreign or malformed file is
/// an empty cache, since completion never prints errors (see `PrivateCacheFile` for "foreign").
struct CompletionDiskCache {
    struct Answer: Codable, Equatable {
        var kind: String
        var host: String
        var address: String
        /// Seconds since 1970 when the host answered.
        var fetchedAt: Double
        var candidates: [Candidate]
    }

    struct Candidate: Codable, Equatable {
        var id: String
        var names: [String]
    }

    private struct File: Codable {
        var version = 1
        var answers: [Answer]
    }

    let path: String

    /// `$XDG_CACHE_HOME/dmux/completion.json`, else `~/.cache/dmux/completion.json`.
    init(environment: [String: String], home: String) {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
        path = cache + "/dmux/completion.json"
    }

    init(path: String) {
        self.path = path
    }

    func load() -> [Answer] {
        guard let data = PrivateCacheFile(path: path).read(),
              let file = try? JSONDecoder().decode(File.self, from: data), file.version == 1 else { return [] }
        return file.answers
    }

    /// Writes `answers` in place of the file (temp file + rename); failing to write is not an error.
    func save(_ answers: [Answer]) {
        guard let data = try? JSONEncoder().encode(File(answers: answers)) else { return }
        PrivateCacheFile(path: path).write(data)
    }

    /// Seeds `cache` with the answers on disk that are still fresh for the hosts of `sessions`;
    /// returns all it read, for `store` to keep without reading the file again.
    @discardableResult
    func seed(_ cache: LiveCandidateCache, for sessions: [HostSession], now: Date = Date()) -> [Answer] {
        let hosts = Dictionary(sessions.map { ($0.name, $0.endpoint.address.description) }, uniquingKeysWith: { first, _ in first })
        let loaded = load()
        for answer in loaded where hosts[answer.host] == answer.address {
            guard let kind = LiveCandidateCache.Kind(rawValue: answer.kind) else { continue }
            let age = now.timeIntervalSince1970 - answer.fetchedAt
            guard age >= 0, age < Self.seconds(cache.limits.lifetime) else { continue }
            cache.seed(kind, host: answer.host, values: answer.candidates.map { ContainerCandidate(id: $0.id, names: $0.names) },
                       age: .milliseconds(Int(age * 1000)))
        }
        return loaded
    }

    /// Saves what `cache` holds for `sessions`, keeping other hosts' answers (of `previous`, else
    /// of the file) that are still fresh; writes nothing when no host answered since `started`.
    func store(
        _ cache: LiveCandidateCache, for sessions: [HostSession], since started: ContinuousClock.Instant,
        previous: [Answer]? = nil, now: Date = Date()
    ) {
        let held = LiveCandidateCache.Kind.allCases.map { ($0, cache.answers($0, on: sessions)) }
        let running = ContinuousClock.now - started
        guard held.contains(where: { $0.1.contains { $0.age <= running } }) else { return }
        let lifetime = Self.seconds(cache.limits.lifetime)
        var answers: [Answer] = []
        var replaced = Set<String>()
        for (kind, kindAnswers) in held {
            for (session, values, age) in kindAnswers {
                replaced.insert(kind.rawValue + "\u{0}" + session.name)
                answers.append(Answer(
                    kind: kind.rawValue, host: session.name, address: session.endpoint.address.description,
                    fetchedAt: now.timeIntervalSince1970 - Self.seconds(age),
                    candidates: values.map { Candidate(id: $0.id, names: $0.names) }))
            }
        }
        for answer in previous ?? load() where !replaced.contains(answer.kind + "\u{0}" + answer.host) {
            let age = now.timeIntervalSince1970 - answer.fetchedAt
            if age >= 0 && age < lifetime { answers.append(answer) }
        }
        save(answers)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
