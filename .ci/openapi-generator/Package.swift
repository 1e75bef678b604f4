// swift-tools-version:6.1
import PackageDescription

// Build-time tool only: runs swift-openapi-generator ahead of time so the main package does not pay for the
// build plugin on every CI run. Use `.ci/generate-client.sh`; it builds with its own scratch path.
let package = Package(
    name: "openapi-generator-tool",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
    ]
)
