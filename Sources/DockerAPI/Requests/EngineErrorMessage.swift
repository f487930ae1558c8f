import Core
import Foundation

/// Turns an HTTP error response into the message the Go client shows (moby client/request.go `checkResponseErr`).
public struct EngineErrorMessage: Sendable {
    /// What the docker CLI puts in front of daemon-provided messages.
    public static let daemonPrefix = "Error response from daemon: "

    /// The message without the CLI prefix (moby client/request.go `checkResponseErr`):
    /// - empty body → `request returned <Status Text> for API route and version <route>, check if
    ///   the server supports the requested API version`;
    /// - `Content-Type` exactly `application/json` → the trimmed `message` field;
    /// - anything else → the trimmed body text.
    public static func describe(status: Int, contentType: String?, body: [UInt8], route: String) -> String {
        daemonMessage(status: status, contentType: contentType, body: body)
            ?? "request returned \(statusText(status)) for API route and version \(route), check if the server supports the requested API version"
    }

    /// As the docker CLI prints it: daemon messages get `Error response from daemon: `.
    public static func cliMessage(status: Int, contentType: String?, body: [UInt8], route: String) -> String {
        if let message = daemonMessage(status: status, contentType: contentType, body: body) {
            return daemonPrefix + message
        }
        return describe(status: status, contentType: contentType, body: body, route: route)
    }

    /// Nil for an empty body.
    private static func daemonMessage(status: Int, contentType: String?, body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        if contentType == "application/json" {
            guard let value = try? JSONParser.parse(body) else {
                let snippet = String(decoding: body.prefix(200), as: UTF8.self)
                return "Error reading JSON: invalid JSON in error response: \(snippet)"
            }
            if let message = value["message"]?.stringValue, !message.isEmpty {
                return message.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return "API returned a \(status) (\(statusText(status))) but provided no error-message"
        }
        return String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Go's `http.StatusText` for the codes an engine or a proxy in front of it can return.
    public static func statusText(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Request Entity Too Large"
        case 414: "Request URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Requested Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 418: "I'm a teapot"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Entity"
        case 423: "Locked"
        case 424: "Failed Dependency"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        case 506: "Variant Also Negotiates"
        case 507: "Insufficient Storage"
        case 508: "Loop Detected"
        case 510: "Not Extended"
        case 511: "Network Authentication Required"
        default: ""
        }
    }
}
