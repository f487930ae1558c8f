/// The body of `POST /containers/create`: the subset of docker's `container.Config` +
/// `HostConfig` that dmux's `run` needs. Nil fields are omitted so the daemon applies its defaults.
public struct ContainerCreateConfig: Encodable, Sendable, Hashable {
    public var image: String
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var env: [String]?
    public var labels: [String: String]?
    public var workingDir: String?
    public var user: String?
    public var tty: Bool
    public var openStdin: Bool
    public var stdinOnce: Bool
    public var attachStdin: Bool
    public var attachStdout: Bool
    public var attachStderr: Bool
    public var hostConfig: HostConfig

    public struct HostConfig: Encodable, Sendable, Hashable {
        public var autoRemove: Bool
        public var networkMode: String?
        public var init_: Bool?

        public init(autoRemove: Bool = false, networkMode: String? = nil, init_: Bool? = nil) {
            self.autoRemove = autoRemove
            self.networkMode = networkMode
            self.init_ = init_
        }

        enum CodingKeys: String, CodingKey {
            case autoRemove = "AutoRemove", networkMode = "NetworkMode", init_ = "Init"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(autoRemove, forKey: .autoRemove)
            try c.encodeIfPresent(networkMode, forKey: .networkMode)
            try c.encodeIfPresent(init_, forKey: .init_)
        }
    }

    public init(
        image: String, cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String]? = nil,
        labels: [String: String]? = nil, workingDir: String? = nil, user: String? = nil,
        tty: Bool = false, openStdin: Bool = false, stdinOnce: Bool = false,
        attachStdin: Bool = false, attachStdout: Bool = true, attachStderr: Bool = true,
        hostConfig: HostConfig = HostConfig()
    ) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.labels = labels
        self.workingDir = workingDir
        self.user = user
        self.tty = tty
        self.openStdin = openStdin
        self.stdinOnce = stdinOnce
        self.attachStdin = attachStdin
        self.attachStdout = attachStdout
        self.attachStderr = attachStderr
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image", cmd = "Cmd", entrypoint = "Entrypoint", env = "Env", labels = "Labels"
        case workingDir = "WorkingDir", user = "User", tty = "Tty", openStdin = "OpenStdin"
        case stdinOnce = "StdinOnce", attachStdin = "AttachStdin", attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr", hostConfig = "HostConfig"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(image, forKey: .image)
        try c.encodeIfPresent(cmd, forKey: .cmd)
        try c.encodeIfPresent(entrypoint, forKey: .entrypoint)
        try c.encodeIfPresent(env, forKey: .env)
        try c.encodeIfPresent(labels, forKey: .labels)
        try c.encodeIfPresent(workingDir, forKey: .workingDir)
        try c.encodeIfPresent(user, forKey: .user)
        try c.encode(tty, forKey: .tty)
        try c.encode(openStdin, forKey: .openStdin)
        try c.encode(stdinOnce, forKey: .stdinOnce)
        try c.encode(attachStdin, forKey: .attachStdin)
        try c.encode(attachStdout, forKey: .attachStdout)
        try c.encode(attachStderr, forKey: .attachStderr)
        try c.encode(hostConfig, forKey: .hostConfig)
    }
}

/// The body of `POST /containers/{id}/exec`.
public struct ExecCreateConfig: Encodable, Sendable, Hashable {
    public var cmd: [String]
    public var tty: Bool
    public var attachStdin: Bool
    public var attachStdout: Bool = true
    public var attachStderr: Bool = true
    public var env: [String]?
    public var workingDir: String?
    public var user: String?
    public var privileged: Bool = false
    public var detachKeys: String?

    public init(
        cmd: [String], tty: Bool = false, attachStdin: Bool = false, env: [String]? = nil,
        workingDir: String? = nil, user: String? = nil, privileged: Bool = false, detachKeys: String? = nil
    ) {
        self.cmd = cmd
        self.tty = tty
        self.attachStdin = attachStdin
        self.env = env
        self.workingDir = workingDir
        self.user = user
        self.privileged = privileged
        self.detachKeys = detachKeys
    }

    enum CodingKeys: String, CodingKey {
        case cmd = "Cmd", tty = "Tty", attachStdin = "AttachStdin", attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr", env = "Env", workingDir = "WorkingDir", user = "User"
        case privileged = "Privileged", detachKeys = "DetachKeys"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attachStdin, forKey: .attachStdin)
        try c.encode(attachStdout, forKey: .attachStdout)
        try c.encode(attachStderr, forKey: .attachStderr)
        try c.encode(tty, forKey: .tty)
        try c.encode(cmd, forKey: .cmd)
        try c.encodeIfPresent(env, forKey: .env)
        try c.encodeIfPresent(workingDir, forKey: .workingDir)
        try c.encodeIfPresent(user, forKey: .user)
        if privileged { try c.encode(privileged, forKey: .privileged) }
        try c.encodeIfPresent(detachKeys, forKey: .detachKeys)
    }
}
