import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel so an "ambiguous commit" fault can drop it.
struct EmulatorRequestContext: InitializableFromSource {
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        channel = source.channel
    }
}
