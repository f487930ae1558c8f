import Core
import Foundation

/// `config.json` of the docker CLI (docker/cli: cli/config/configfile/file.go), read and written
/// so that either tool uses what the other stored: `auths` entries hold base64 `user:password`
/// and `identitytoken`; `credsStore` and `credHelpers` name credential helpers.
///
/// Keys dmux does not know are kept in place when it rewrites the file (the docker CLI of the day
/// may know them), and the file is written the way the CLI writes it: tab-indented, 0600,
/// through a temporary file renamed over the old one.
public struct DockerConfigFile: Sendable {
    public let path: String
    /// The whole document, in the order it was read.
    private var members: [(String, JSONValue)]

    public init(directory: String) throws(ConfigFileError) {
        path = directory.hasSuffix("/") ? directory + "config.json" : directory + "/config.json"
        // Through RegularFile, like every file dmux reads from outside: a FIFO would hang `pull`.
        // A missing file is an empty config (docker/cli config.Load); an unreadable one is an error.
        let data: [UInt8]
        do throws(RegularFile.ReadError) {
            data = try RegularFile.read(path)
        } catch {
            guard error.code == ENOENT else { throw ConfigFileError(path: path, reason: error.reason) }
            members = [("auths", .object([]))]
            return
        }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            members = [("auths", .object([]))]
            return
        }
        do {
            guard case .object(let read) = try JSONParser.parse(data) else {
                throw ConfigFileError(path: path, reason: "not a JSON object")
            }
            members = read
        } catch let error as ConfigFileError {
            throw error
        } catch {
            throw ConfigFileError(path: path, reason: "\(error)")
        }
    }

    public var credentialsStore: String? { self["credsStore"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }

    /// The helper for one registry key: `credHelpers[key]`, else `credsStore` (docker/cli
    /// `getConfiguredCredentialStore`).
    public func helper(for key: String) -> String? {
        if let helper = self["credHelpers"]?[key]?.stringValue { return helper }
        return credentialsStore
    }

    /// The `auths` entry for `key`: exact, else the first whose key's host name is `key` (the
    /// file store's legacy `https://host/v1/` keys).
    public func fileCredentials(for key: String) throws(ConfigFileError) -> RegistryCredentials {
        let auths = authEntries
        let entry = auths.first { $0.0 == key } ?? auths.first { RegistryAddress.hostname($0.0) == key }
        guard let (_, value) = entry else { return RegistryCredentials(serverAddress: key) }
        var credentials = RegistryCredentials(serverAddress: key)
        if let auth = value["auth"]?.stringValue, !auth.isEmpty {
            guard let decoded = Data(base64Encoded: auth), let text = String(data: decoded, encoding: .utf8),
                  let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                throw ConfigFileError(path: path, reason: "invalid auth configuration for \(key)")
            }
            credentials.username = String(text[..<colon])
            credentials.password = String(text[text.index(after: colon)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\0"))
        }
        credentials.identityToken = value["identitytoken"]?.stringValue ?? ""
        return credentials
    }

    /// Stores credentials in `auths` (`auth` = base64 `user:password`, `identitytoken`), or an
    /// empty entry when a helper holds the secret, as the docker CLI's native store does.
    public mutating func setFileCredentials(_ credentials: RegistryCredentials?, for key: String) {
        var entry: [(String, JSONValue)] = []
        if let credentials {
            if !credentials.username.isEmpty || !credentials.password.isEmpty {
                entry.append(("auth", .string(Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString())))
            }
            if !credentials.identityToken.isEmpty { entry.append(("identitytoken", .string(credentials.identityToken))) }
        }
        var auths = authEntries.filter { $0.0 != key }
        auths.append((key, .object(entry)))
        auths.sort { $0.0 < $1.0 }  // Go marshals a map in key order
        setAuths(auths)
    }

    /// Removes `key` from `auths`; false when it was not there.
    @discardableResult
    public mutating func removeFileCredentials(for key: String) -> Bool {
        let auths = authEntries
        guard auths.contains(where: { $0.0 == key }) else { return false }
        setAuths(auths.filter { $0.0 != key })
        return true
    }

    /// Writes the file as the docker CLI does (tab-indented JSON, mode 0600, renamed into place).
    public func save() throws(ConfigFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let text = JSONValue.object(members).pretty(indent: "\t")
        let temporary = path + ".tmp-dmux-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ConfigFileError(path: path, reason: "cannot write \(temporary)")
            }
            guard rename(temporary, path) == 0 else {
                throw ConfigFileError(path: path, reason: "cannot rename \(temporary) into place: \(String(cString: strerror(errno)))")
            }
        } catch let error as ConfigFileError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw ConfigFileError(path: path, reason: "\(error)")
        }
    }

    /// Every registry the file knows credentials for: `auths` keys and `credHelpers` keys.
    public var registryKeys: [String] {
        var keys = authEntries.map(\.0)
        if case .object(let helpers) = self["credHelpers"] { keys += helpers.map(\.0).filter { !keys.contains($0) } }
        return keys
    }

    private subscript(key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    private var authEntries: [(String, JSONValue)] {
        if case .object(let entries) = self["auths"] { return entries }
        return []
    }

    private mutating func setAuths(_ auths: [(String, JSONValue)]) {
        if let index = members.firstIndex(where: { $0.0 == "auths" }) {
            members[index].1 = .object(auths)
        } else {
            members.insert(("auths", .object(auths)), at: 0)
        }
    }
}

/// `config.json` could not be read or written; names the file.
public struct ConfigFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
