/// Client-side TLS for one connection to an engine: verifies the server against the context's CA
/// file and the given host (an IP literal against IP SANs without SNI, a name against DNS SANs with
/// SNI), sends the client certificate, and fires `TLSHandshakeCompleted` when ready. Failures are
/// fired as `TLSError` and close the channel; nothing ever falls back to plaintext.
public final class TLSClientHandler: TLSHandler {
    /// - Parameter serverHostname: the host part of the engine URL (`127.0.0.1`, `[::1]`, `engine.example`).
    public init(context: TLSClientContext, serverHostname: String) throws(TLSError) {
        let serverName = try ServerName(serverHostname)
        let session = try TLSSession(context: context.pointer, isServer: false, serverName: serverName)
        let configuration = context.configuration
        let translator = TLSFailureTranslator(side: .client(caFile: configuration.caFile,
                                                            certificateFile: configuration.certificateFile,
                                                            serverName: serverName.text))
        super.init(pump: TLSPump(session: session, translator: translator), owner: context)
    }
}
