// swift-tools-version:6.0
import PackageDescription

/// dmux: a shell for many Docker engines at once.
///
/// Layering (see README.md): Endpoints, TLS and Transport know *where* engines are and how to
/// reach them; DockerAPI knows *what* to say to them, without I/O. Only FanOut and Shell join
/// the two halves.
let package = Package(
    name: "dmux",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dmux", targets: ["dmux"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CPosix"),
        // What several modules share and none owns: JSON values, Go-compatible quoting, host:port,
        // durations and line splitting, the OpenSSL error queue, reading a file from outside safely.
        .target(name: "Core", dependencies: ["COpenSSL"]),
        .target(name: "DockerAPI", dependencies: ["Core"]),
        .target(name: "Endpoints", dependencies: ["COpenSSL", "Core"]),
        .target(name: "Registry", dependencies: ["Core", "CPosix"]),
        .target(name: "Machines", dependencies: ["COpenSSL", "Core", "Endpoints"]),
        .target(name: "TLS", dependencies: [
            "COpenSSL", "Core",
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .target(name: "Transport", dependencies: [
            "Core", "Endpoints", "TLS", "CPosix",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .target(name: "FanOut", dependencies: [
            "DockerAPI", "Endpoints", "Transport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .target(name: "LineEditor", dependencies: ["CEditLine", "Core"]),
        .target(name: "Shell", dependencies: [
            "Core", "DockerAPI", "Endpoints", "Transport", "FanOut", "LineEditor", "Machines", "CPosix", "Registry",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .executableTarget(name: "dmux", dependencies: [
            "Shell", "Core",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Child processes for the tests: posix_spawn and wait4 with deadlines (Foundation's
        // Process.waitUntilExit was seen to hang for good in CI).
        .target(name: "TestSupport", dependencies: ["CPosix"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["Core", "COpenSSL"]),
        .testTarget(name: "DockerAPITests", dependencies: ["Core", "DockerAPI", "TestSupport"]),
        .testTarget(name: "EndpointsTests", dependencies: ["Endpoints"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "TestSupport"]),
        .testTarget(name: "MachinesTests", dependencies: ["Core", "Machines", "Endpoints", "TestSupport"]),
        .testTarget(name: "TLSTests", dependencies: [
            "TLS", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "TransportTests", dependencies: [
            "Transport", "Endpoints", "TLS",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "ShellTests", dependencies: [
            "Core", "Shell", "FanOut", "DockerAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "Core", "Endpoints", "Transport", "DockerAPI", "TLS", "FanOut", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (scripts/fuzz), declared only when DMUX_FUZZ=1 so that ordinary builds and
// `swift test` never see them: Fuzz/Sources/NAME/main.swift, each run by FuzzSupport's driver
// with the dictionary Fuzz/Dictionaries/NAME.dict.
if Context.environment["DMUX_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/Sources/FuzzSupport"))
    let nio: [Target.Dependency] = [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
    for (name, modules) in [("FuzzCommandLine", ["Shell"]), ("FuzzHostSyntax", ["Endpoints"]), ("FuzzStdcopy", ["DockerAPI"]),
                            ("FuzzJSONStream", ["DockerAPI"]), ("FuzzMachineConfig", ["Endpoints"]),
                            ("FuzzContextMeta", ["Endpoints"]), ("FuzzResponseParser", ["Transport"]),
                            ("FuzzRCFile", ["Shell", "Endpoints"]), ("FuzzEngineAnswer", ["Shell", "DockerAPI", "Core"])] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["FuzzSupport"] + modules.map { .target(name: $0) } + nio, path: "Fuzz/Sources/\(name)"))
    }
}
