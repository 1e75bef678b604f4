import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TransportFailureClass {
    /// Classifies AsyncHTTPClient and NIO errors: failures to connect cannot have reached the server and may be
    /// retried even for a create; anything after the request may have been written is "maybe sent".
    init?(asyncHTTPClientError error: any Error) {
        if error is NIOConnectionError {
            self = .notSent
            return
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: self = .notSent
            case ECONNRESET, EPIPE: self = .maybeSent("connection lost")
            default: self = .maybeSent("I/O error \(ioError.errnoCode)")
            }
            return
        }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .tlsHandshakeTimeout:
                self = .notSent
            case .readTimeout, .deadlineExceeded, .writeTimeout: self = .maybeSent("timed out")
            case .remoteConnectionClosed, .cancelled: self = .maybeSent("connection lost")
            default: self = .maybeSent("HTTP client error: \(httpError)")
            }
            return
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .connectTimeout: self = .notSent
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed: self = .maybeSent("connection lost")
            default: self = .maybeSent("channel error")
            }
            return
        }
        return nil
    }
}
