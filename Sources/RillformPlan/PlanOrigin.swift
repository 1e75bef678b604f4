/// Where a plan was made: recorded in the saved plan so `apply plan.json` refuses to run it elsewhere.
public struct PlanOrigin: Sendable, Hashable, Codable {
    /// The admin API base URL planned against; nil with `--local` (the embedded emulator's port changes per run).
    public var apiURL: String?
    /// True when planned against the embedded emulator (`--local`).
    public var local: Bool
    /// `sha256:` of the manifest files (paths and texts, sorted by path). For audit only: a saved plan is applied
    /// without `-f`, so it cannot be compared; it says which manifest revision was approved.
    public var manifestDigest: String?

    /// Creates an origin record.
    public init(apiURL: String?, local: Bool, manifestDigest: String?) {
        self.apiURL = apiURL
        self.local = local
        self.manifestDigest = manifestDigest
    }

    /// Why a saved plan made at `self` must not run against `current`, or nil when it may.
    public func mismatch(with current: PlanOrigin) -> String? {
        if local != current.local {
            return local ? "the plan was made with --local; this run is against \(current.apiURL ?? "an API")"
                : "the plan was made against \(apiURL ?? "an API"); this run uses --local"
        }
        if !local, Self.normalized(apiURL) != Self.normalized(current.apiURL) {
            return "the plan was made against \(apiURL ?? "an unknown API"); this run is against \(current.apiURL ?? "an unknown API")"
        }
        return nil
    }

    /// Lower-cased, without trailing slashes: `https://Admin.rilldata.com/` equals `https://admin.rilldata.com`.
    static func normalized(_ url: String?) -> String? {
        guard var text = url?.lowercased() else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

extension PlanOrigin {
    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case local
        case manifestDigest = "manifest_digest"
    }
}
