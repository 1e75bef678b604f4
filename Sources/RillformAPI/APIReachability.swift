import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One TCP connection to the admin API's host and port before the first request, without retries.
///
/// The HTTP client retries a failed connect (its pool backs off until the connect deadline, then the resilience
/// layer tries again), which is right for a server that is restarting but turns a wrong `--api-url` into 40 s of
/// waiting and a message without the URL or the cause. A refused connection or an unknown host cannot recover
/// by waiting, so it is reported at once, with both.
public enum APIReachability {
    public struct Unreachable: Error, Sendable, CustomStringConvertible {
        public var url: String
        public var cause: String
        public var description: String { "cannot reach the Rill admin API at \(url): \(cause)" }
    }

    /// Returns when a TCP connection to `baseURL`'s host and port opens (it is closed at once); throws
    /// `Unreachable` naming the URL and the cause otherwise. A URL without a host is left to the client.
    public static func check(_ baseURL: String, connectTimeout: TimeAmount = .seconds(10)) async throws {
        guard let url = URL(string: baseURL), let host = url.host, !host.isEmpty else { return }
        let port = url.port ?? (url.scheme?.lowercased() == "http" ? 80 : 443)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(connectTimeout)
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw Unreachable(url: baseURL, cause: cause(error, host: host, port: port, timeout: connectTimeout))
        }
        try? await channel.close().get()
    }

    static func cause(_ error: any Error, host: String, port: Int, timeout: TimeAmount) -> String {
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first {
                return cause(first.error, host: host, port: port, timeout: timeout)
            }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil {
                return "cannot resolve the host name '\(host)' (check the URL, DNS and network)"
            }
        }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED:
                return "connection refused: nothing is listening on \(host) port \(port) (check the URL and that the server runs)"
            case EHOSTUNREACH, ENETUNREACH: return "no route to \(host) (check the network)"
            case ETIMEDOUT: return "connection to \(host) port \(port) timed out"
            default: return String(cString: strerror(ioError.errnoCode)).lowercased()
            }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return "no answer from \(host) port \(port) within \(timeout.nanoseconds / 1_000_000_000) s "
                + "(a firewall, or the wrong host)"
        }
        return "could not connect (\(String(describing: type(of: error))))"
    }
}
