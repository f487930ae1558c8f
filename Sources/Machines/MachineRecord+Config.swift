import DockerAPI
extension MachineRecord {
    /// `docker-machine config NAME` (docker-reference §4): the docker CLI flags that reach this
    /// machine with the per-machine certificate copies; paths `%q`-quoted as Go prints them.
    public var dockerFlags: String? {
        guard let url else { return nil }
        return "--tlsverify\n"
            + "--tlscacert=\(GoJSON.strconvQuote(paths.caCertificate))\n"
            + "--tlscert=\(GoJSON.strconvQuote(paths.clientCertificate))\n"
            + "--tlskey=\(GoJSON.strconvQuote(paths.clientKey))\n"
            + "-H=\(url)\n"
    }
}
