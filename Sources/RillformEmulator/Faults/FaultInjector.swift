/// Decides, per request, whether to inject a fault. Deterministic for a given seed and request order:
/// every request draws exactly two numbers from a SplitMix64 stream.
actor FaultInjector {
    private var state: UInt64
    private(set) var rate: Double
    private(set) var kinds: Set<FaultKind>
    private(set) var latencyMilliseconds: Int

    init(seed: UInt64, rate: Double, kinds: Set<FaultKind>, latencyMilliseconds: Int) {
        self.state = seed
        self.rate = max(0, min(1, rate))
        self.kinds = kinds
        self.latencyMilliseconds = max(0, latencyMilliseconds)
    }

    func configure(rate: Double, kinds: Set<FaultKind>, latencyMilliseconds: Int) {
        self.rate = max(0, min(1, rate))
        self.kinds = kinds
        self.latencyMilliseconds = max(0, latencyMilliseconds)
    }

    /// The fault for the next request, if any. Ambiguous commits apply to writes only.
    func next(isWrite: Bool) -> FaultKind? {
        let roll = unitDraw()
        let pick = nextRandom()
        guard roll < rate else { return nil }
        let eligible = kinds.filter { isWrite || $0 != .ambiguousCommit }.sorted()
        guard !eligible.isEmpty else { return nil }
        return eligible[Int(pick % UInt64(eligible.count))]
    }

    private func unitDraw() -> Double { Double(nextRandom() >> 11) / Double(1 << 53) }

    private func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
