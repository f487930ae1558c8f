/// The steps of provisioning, in order, each with the line that announces it (docker-machine's
/// words where it has one: docker/machine libmachine/provision/utils.go, commands/create.go) and the
/// name a failure gives it.
public enum ProvisionStep: Sendable, Hashable, CaseIterable {
    case inspect, install, certificates, copy, restart, ping, save

    public var name: String {
        switch self {
        case .inspect: "inspect the host"
        case .install: "install Docker"
        case .certificates: "make the certificates"
        case .copy: "copy the certificates and the drop-in"
        case .restart: "restart docker"
        case .ping: "check the TLS connection"
        case .save: "save the machine"
        }
    }

    public var announcement: String {
        switch self {
        case .inspect: "Detecting the provisioner..."
        case .install: "Installing Docker (apt-get install docker.io)..."
        case .certificates: "Copying certs to the local machine directory..."
        case .copy: "Copying certs to the remote machine..."
        case .restart: "Setting Docker configuration on the remote daemon..."
        case .ping: "Checking connection to Docker..."
        case .save: "Saving the machine..."
        }
    }
}
