import Core
extension MachineRecord {
    /// `docker-machine config NAME` (docker/machine commands/config.go): the docker CLI flags that reach this
    /// machine with the per-machine certificate copies; paths `%q`-quoted as Go prints them.
    public var dockerFlags: String? {
        guard let url else { return nil }
        return "--tlsverify\n"
            + "--tlscacert=\(GoStrconv.quote(paths.caCertificate))\n"
            + "--tlscert=\(GoStrconv.quote(paths.clientCertificate))\n"
            + "--tlskey=\(GoStrconv.quote(paths.clientKey))\n"
            + "-H=\(url)\n"
    }
}
