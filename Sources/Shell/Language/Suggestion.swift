/// "Did you mean …?" for typos in commands, flags, hosts and groups.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let length = word.count
        let limit = max(1, length / 3)
        var best: (String, Int)?
        // The distance is at least the difference in length: skipping those keeps a pasted
        // megabyte from costing a quadratic comparison with every candidate.
        for candidate in candidates where abs(candidate.count - length) <= limit {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
