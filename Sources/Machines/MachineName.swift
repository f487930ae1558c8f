/// docker-machine's rule for machine names (docker/machine libmachine/host/host.go `ValidateHostName`):
/// `^[a-zA-Z0-9][a-zA-Z0-9\-\.]*$` — the name is also a folder name and part of the server
/// certificate's organisation.
public enum MachineName {
    public static func validate(_ name: String) throws(MachineError) {
        guard let first = name.unicodeScalars.first, isAlnum(first),
              name.unicodeScalars.allSatisfy({ isAlnum($0) || $0 == "-" || $0 == "." })
        else {
            throw MachineError(.usage, "invalid machine name \"\(name)\": it must start with a letter or digit and hold only letters, digits, '-' and '.'")
        }
    }

    private static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
