import Foundation
import Glibc

/// The folder a test's own dockerd lives in (data-root, exec-root, socket, log), and how to leave
/// nothing of it behind: the processes that name it, the mounts under it, the folder itself.
enum EngineFolder {
    /// Kills every process still naming `directory` (containerd and shims outlive a kill -9 of
    /// their engine, and containers outlive the shims) and all below them, unmounts what is left
    /// under the folder and removes it.
    static func tearDown(_ directory: String) {
        let stragglers = processes(naming: directory)
        for straggler in stragglers.flatMap(descendants(of:)) + stragglers { kill(straggler, SIGKILL) }
        // A restart after a kill stacks a second bind mount of the data-root on the first.
        for _ in 0..<5 {
            let ours = mounts(under: directory)
            if ours.isEmpty { break }
            for mount in ours.sorted(by: >) { umount2(mount, Int32(MNT_DETACH)) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func mounts(under directory: String) -> [String] {
        // Read to the end: String(contentsOfFile:) stops at 4 KiB on procfs, where sizes read 0.
        let data = FileHandle(forReadingAtPath: "/proc/self/mounts")?.readDataToEndOfFile() ?? Data()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            return fields.count > 1 && fields[1].hasPrefix(directory + "/") ? String(fields[1]) : nil
        }
    }

    /// Processes whose command line names `directory`: only ever the test's own.
    static func processes(naming directory: String) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data, as: UTF8.self).contains(directory + "/") ? pid : nil
        }
    }

    /// Every process below `parent`, found through /proc.
    static func descendants(of parent: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parentID = pid_t(fields[1]) { children[parentID, default: []].append(child) }
        }
        var result: [pid_t] = []
        var queue = children[parent] ?? []
        while let next = queue.popLast() {
            result.append(next)
            queue += children[next] ?? []
        }
        return result
    }
}
