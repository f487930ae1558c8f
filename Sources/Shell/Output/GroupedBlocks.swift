/// Folds identical answers from several hosts into one block headed by their names and count,
/// the way `dshbak -c` and `clubak` do: `m1,m2,m4 (3)`.
public struct GroupedBlocks: Sendable {
    private var blocks: [(hosts: [String], text: String)] = []

    public init() {}

    public mutating func add(host: String, text: String) {
        if let index = blocks.firstIndex(where: { $0.text == text }) {
            blocks[index].hosts.append(host)
        } else {
            blocks.append(([host], text))
        }
    }

    /// Blocks in the order their first host appears in `order`, hosts listed in that order too.
    public func render(order: [String]) -> String {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = blocks
            .map { (hosts: $0.hosts.sorted { rank[$0, default: .max] < rank[$1, default: .max] }, text: $0.text) }
            .sorted { rank[$0.hosts[0], default: .max] < rank[$1.hosts[0], default: .max] }
        var out = ""
        for block in sorted {
            let title = "\(block.hosts.joined(separator: ",")) (\(block.hosts.count))"
            let rule = String(repeating: "-", count: max(15, title.count))
            out += "\(rule)\n\(title)\n\(rule)\n"
            out += block.text.hasSuffix("\n") || block.text.isEmpty ? block.text : block.text + "\n"
        }
        return out
    }
}
