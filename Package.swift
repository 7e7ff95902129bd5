// swift-tools-version:6.1
// RJ Hub: five services for a restorative justice hub, exchanging versioned JSON events over
// RabbitMQ (librabbitmq) and each owning its PostgreSQL schema (libpq).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6)
]

let package = Package(
  name: "RJHub",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "rjhub", targets: ["RJHubCLI"]),
    .executable(name: "rjhub-drill", targets: ["PlatformDrill"]),
    .executable(name: "rjhub-platform-benchmark", targets: ["PlatformBenchmark"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // C libraries, from Debian's -dev packages.
    .systemLibrary(
      name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq",
      providers: [.apt(["librabbitmq-dev"])]),
    .systemLibrary(
      name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]),

    // Shared libraries, one job each.
    .target(
      name: "AMQPClient",
      dependencies: ["CRabbitMQ", .product(name: "Logging", package: "swift-log")],
      path: "Shared/AMQPClient", swiftSettings: swiftSettings),
    .target(
      name: "PostgresClient",
      dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
      path: "Shared/PostgresClient", swiftSettings: swiftSettings),
    .target(
      name: "EventContracts",
      path: "Shared/EventContracts", swiftSettings: swiftSettings),
    .target(
      name: "DurableMessaging",
      dependencies: [
        "AMQPClient", "PostgresClient", "EventContracts",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Shared/DurableMessaging", swiftSettings: swiftSettings),
    .target(
      name: "ServiceRuntime",
      dependencies: [
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      path: "Shared/ServiceRuntime", swiftSettings: swiftSettings),

    .target(
      name: "ServiceAssembly",
      dependencies: [
        "AMQPClient", "PostgresClient", "DurableMessaging", "ServiceRuntime",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      path: "Shared/ServiceAssembly", swiftSettings: swiftSettings),

    // Executables.
    .executableTarget(
      name: "RJHubCLI",
      dependencies: [
        "AMQPClient", "DurableMessaging", "ServiceRuntime", "ServiceAssembly",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Services/RJHubCLI", swiftSettings: swiftSettings),
    .executableTarget(
      name: "PlatformDrill",
      dependencies: [
        "AMQPClient", "PostgresClient", "EventContracts", "DurableMessaging", "ServiceRuntime",
        "ServiceAssembly", "DrillKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tests/PlatformDrill", swiftSettings: swiftSettings),
    .executableTarget(
      name: "PlatformBenchmark",
      dependencies: [
        "AMQPClient", "PostgresClient", "EventContracts", "DurableMessaging", "DrillKit",
        "TestSupport",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/PlatformBenchmark", swiftSettings: swiftSettings),

    // Tests. Integration suites need the servers that infra/ starts; they fail when missing.
    .target(
      name: "TestSupport",
      dependencies: [.product(name: "Logging", package: "swift-log")],
      path: "Tests/TestSupport", swiftSettings: swiftSettings),
    .target(
      name: "DrillKit",
      dependencies: ["DurableMessaging", "EventContracts", "PostgresClient"],
      path: "Tests/DrillKit", swiftSettings: swiftSettings),
    .testTarget(
      name: "EventContractsTests", dependencies: ["EventContracts", "TestSupport"],
      path: "Tests/EventContractsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "AMQPClientTests", dependencies: ["AMQPClient", "TestSupport"],
      path: "Tests/AMQPClientTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"],
      path: "Tests/PostgresClientTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "ServiceRuntimeTests",
      dependencies: [
        "ServiceRuntime", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      path: "Tests/ServiceRuntimeTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "DurableMessagingTests",
      dependencies: [
        "DurableMessaging", "EventContracts", "TestSupport", "DrillKit",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/DurableMessagingTests", swiftSettings: swiftSettings),
  ]
)
