import Core
import DockerAPI
import FanOut
import Foundation
import Transport

/// Reads one of the engine's JSON message streams (pull, push, load, build; moby
/// client/pkg/jsonmessage/jsonmessage.go) to its end: each message to `onMessage`, every message to the json shape, and an
/// in-band error as that host's failure in the engine's words.
enum JSONProgress {
    static func follow(
        _ response: ResponseStream, host: String, presenter: Presenter,
        onMessage: (JSONMessage) -> Void
    ) async throws {
        var splitter = JSONStreamSplitter()
        while let piece = try await response.next() {
            for value in try splitter.feed(piece.readableBytesView) {
                let message = try JSONDecoder().decode(JSONMessage.self, from: Data(value))
                if let failure = message.failureMessage { throw EngineAPIError(status: 200, message: failure) }
                if presenter.shape == .json, let parsed = try? JSONParser.parse(value) {
                    presenter.record(host: host, json: parsed)
                }
                onMessage(message)
            }
        }
        _ = try splitter.finish()  // a message cut off, or junk after the last one, is an error
    }
}
