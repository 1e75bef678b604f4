import Foundation

/// One REST mapping of an AdminService RPC.
struct Route: Sendable {
    let method: String
    let segments: [Segment]
    /// Literal segments: the more, the more specific the route.
    let literalCount: Int
    let handler: Handler

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// `pattern` uses `{name}` for path parameters, like the OpenAPI paths.
    init(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        self.method = method
        self.segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        self.literalCount = segments.filter { if case .literal = $0 { true } else { false } }.count
        self.handler = handler
    }

    var isWrite: Bool { method != "GET" }

    func match(_ pathSegments: [String]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        // Literals first: most routes fail there, before any dictionary is built.
        for (segment, value) in zip(segments, pathSegments) {
            if case .literal(let literal) = segment, literal != value { return nil }
        }
        var params: [String: String] = [:]
        for (segment, value) in zip(segments, pathSegments) {
            switch segment {
            case .literal: continue
            case .parameter(let name): params[name] = value
            }
        }
        return params
    }
}

/// Finds the route for a method and path. Literal segments win over parameters (e.g. `/v1/users/current`).
struct Router: Sendable {
    let routes: [Route]

    enum Match {
        case found(Route, [String: String])
        case methodNotAllowed
        case notFound
    }

    func match(method: String, path: String) -> Match {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        var pathMatched = false
        var best: (Route, [String: String], Int)?
        for route in routes {
            guard let params = route.match(parts) else { continue }
            pathMatched = true
            guard route.method == method else { continue }
            if best == nil || route.literalCount > (best?.2 ?? 0) { best = (route, params, route.literalCount) }
        }
        if let best { return .found(best.0, best.1) }
        return pathMatched ? .methodNotAllowed : .notFound
    }
}
