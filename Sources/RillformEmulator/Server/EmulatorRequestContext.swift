import Hummingbird

/// The emulator keeps no per-request state in the context: everything a handler needs is in `Call`.
struct EmulatorRequestContext: InitializableFromSource {
    init(source: ApplicationRequestContextSource) {}
}
