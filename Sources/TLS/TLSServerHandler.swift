/// Server-side TLS over the same pump as `TLSClientHandler`, for tests and the fake engine. With a
/// client-CA file in its context it requires and verifies client certificates (`--tlsverify`).
public final class TLSServerHandler: TLSHandler {
    public init(context: TLSServerContext) throws(TLSError) {
        let session = try TLSSession(context: context.pointer, isServer: true, serverName: nil)
        super.init(pump: TLSPump(session: session, translator: TLSFailureTranslator(side: .server)), owner: context)
    }
}
