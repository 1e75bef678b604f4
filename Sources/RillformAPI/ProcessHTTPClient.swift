import AsyncHTTPClient
import NIOCore

/// The process's one pooled HTTP client (AsyncHTTPClient on NIO).
///
/// Why not URLSession: on Linux it busy-waits while a response is pending (measured here: ~95% CPU and ~40,000
/// syscalls per second for one idle request), and libcurl silently resends a request whose reused connection
/// dropped, which can duplicate a create. AsyncHTTPClient does neither.
///
/// Like `HTTPClient.shared` it is never shut down, but it differs in two settings:
/// - the per-host connection limit is raised: AHC's default soft limit of 8 would silently cap `--parallelism`;
/// - redirects are refused: following one could send the bearer token to another host;
/// - connecting gives up after 5 s: AHC keeps retrying a refused connect until its connect deadline (10 s by
///   default), and the client's own retries multiplied that into 41 s against an address nobody listens on.
enum ProcessHTTPClient {
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = .seconds(5)
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
