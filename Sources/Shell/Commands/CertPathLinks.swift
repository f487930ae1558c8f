import Endpoints
import Foundation

/// A folder `DOCKER_CERT_PATH` can name when an engine's CA, certificate and key are not
/// `ca.pem`, `cert.pem` and `key.pem` in one folder (`--tlscacert`, `--tlscert` and `--tlskey`
/// in different places): the docker CLI reads only those three names from that one folder
/// (docker/cli cli/flags/options.go `SetDefaultOptions`), so dmux hands it a private folder of
/// symbolic links under those names. The links outlive dmux, as `eval "$(dmux env NAME)"` needs;
/// the folder's name follows from the three paths, so asking again reuses it.
struct CertPathLinks {
    /// `$XDG_CACHE_HOME/dmux/cert-paths`, else `~/.cache/dmux/cert-paths`.
    let root: String

    init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
        root = cache + "/dmux/cert-paths"
    }

    /// The folder holding `ca.pem`, `cert.pem` and `key.pem` links to the given files (absent ones
    /// are left out, as docker drops a missing file). Made 0700; refused when someone else owns
    /// the root or may write into it.
    func folder(ca: String?, certificate: String?, key: String?) throws(DockerEnvironmentError) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String?) -> String? {
            guard let path, !path.isEmpty else { return nil }
            return path.hasPrefix("/") ? path : cwd + "/" + path
        }
        let links = [("ca.pem", absolute(ca)), ("cert.pem", absolute(certificate)), ("key.pem", absolute(key))]
        // The context store's SHA-256 naming, reused: one folder per set of three files.
        let id = ContextStore.contextID(links.map { $0.1 ?? "" }.joined(separator: "\0")).prefix(16)
        let folder = root + "/" + id
        try makePrivateDirectory(root)
        try makePrivateDirectory(folder)
        for (name, target) in links {
            let link = folder + "/" + name
            let current = try? FileManager.default.destinationOfSymbolicLink(atPath: link)
            if current == target { continue }
            if current != nil || (try? FileManager.default.attributesOfItem(atPath: link)) != nil {
                try? FileManager.default.removeItem(atPath: link)
            }
            guard let target else { continue }
            if symlink(target, link) != 0 && errno != EEXIST {
                throw DockerEnvironmentError("cannot link \(link) to \(target): \(String(cString: strerror(errno)))")
            }
        }
        return folder
    }

    /// mkdir -p with mode 0700, then the checks ssh makes of its own folders: a directory, not a
    /// link, owned by this user, writable by no one else.
    private func makePrivateDirectory(_ path: String) throws(DockerEnvironmentError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DockerEnvironmentError("cannot create \(path) for DOCKER_CERT_PATH links: \(error.localizedDescription)")
        }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else {
            throw DockerEnvironmentError("\(path) is not a directory of this user's: refusing to put DOCKER_CERT_PATH links there")
        }
        if info.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw DockerEnvironmentError("cannot make \(path) private (chmod 700): \(String(cString: strerror(errno)))")
        }
    }
}
