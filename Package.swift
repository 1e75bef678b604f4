// swift-tools-version:6.1
import PackageDescription

// Module graph (→ = depends on). Pure modules do no I/O: Model, Manifest, Plan, Report.
//   Manifest, Plan, API → Model;  Report → Plan;  Apply → Plan, API;  CLI → everything.
//   Emulator depends on nothing of ours: it must behave like Rill, not like our client.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "rillform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rillform", targets: ["rillform"]),
        .executable(name: "rillform-bench", targets: ["rillform-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        // The client's transport. Not URLSession: on Linux it busy-waits while a response is pending
        // (measured ~95% CPU) and libcurl silently resends on dropped reused connections (see ProcessHTTPClient).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already in the graph through async-http-client; used for SHA-256 instead of hand-written digests.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Tests start the built CLI as a child process. Not Foundation.Process: on Linux it
        // crashed the test run (signal 11 inside Process.run, measured with ~1,600 descriptors open while
        // parallel tests spawn; it enumerates and closes every descriptor by hand). Subprocess closes them
        // with close_range and reaps without a run loop.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .target(name: "RillformModel", swiftSettings: swiftSettings),
        .target(
            name: "RillformManifest",
            dependencies: ["RillformModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .target(
            name: "RillformPlan",
            dependencies: ["RillformModel", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .target(name: "RillformReport", dependencies: ["RillformModel", "RillformPlan"], swiftSettings: swiftSettings),
        .target(
            name: "RillformAPI",
            dependencies: [
                "RillformModel",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RillformApply",
            dependencies: ["RillformModel", "RillformPlan", "RillformAPI"],
            swiftSettings: swiftSettings),
        .target(
            name: "RillformEmulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RillformCLI",
            dependencies: [
                "RillformModel", "RillformManifest", "RillformPlan", "RillformReport",
                "RillformAPI", "RillformApply", "RillformEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(name: "rillform", dependencies: ["RillformCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "rillform-bench",
            dependencies: [
                "RillformCLI", "RillformModel", "RillformManifest", "RillformPlan", "RillformAPI", "RillformApply",
                "RillformEmulator", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "RillformTestSupport",
            dependencies: [
                "RillformModel", "RillformAPI", "RillformEmulator",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "RillformManifestTests", dependencies: ["RillformManifest", "RillformReport", "RillformTestSupport"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "RillformPlanTests", dependencies: ["RillformPlan", "RillformTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RillformReportTests", dependencies: ["RillformReport", "RillformTestSupport"], resources: [.copy("Golden")], swiftSettings: swiftSettings),
        .testTarget(
            name: "RillformAPITests",
            dependencies: [
                "RillformAPI", "RillformTestSupport", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RillformEmulatorTests",
            dependencies: ["RillformEmulator", "RillformTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .testTarget(name: "RillformApplyTests", dependencies: ["RillformApply", "RillformTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "RillformCLITests", dependencies: ["RillformCLI", "RillformManifest", "RillformPlan", "RillformTestSupport", .product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
    ]
)
