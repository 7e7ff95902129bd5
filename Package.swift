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
    .executable(name: "rjhub-intake", targets: ["IntakeExecutable"]),
    .executable(name: "rjhub-victim-contact", targets: ["VictimContactExecutable"]),
    .executable(name: "rjhub-facilitator-matching", targets: ["FacilitatorMatchingExecutable"]),
    .executable(name: "rjhub-notifications", targets: ["NotificationsExecutable"]),
    .executable(name: "rjhub-reporting", targets: ["ReportingExecutable"]),
    .executable(name: "rjhub-workplace", targets: ["WorkplaceExecutable"]),
    .executable(name: "rjhub-drill", targets: ["PlatformDrill"]),
    .executable(name: "rjhub-platform-benchmark", targets: ["PlatformBenchmark"]),
    .executable(name: "rjhub-e2e-benchmark", targets: ["EndToEndBenchmark"]),
    .executable(name: "rjhub-intake-benchmark", targets: ["IntakeBenchmark"]),
    .executable(name: "rjhub-case-work-benchmark", targets: ["CaseWorkBenchmark"]),
    .executable(name: "rjhub-workplace-benchmark", targets: ["WorkplaceBenchmark"]),
    .executable(name: "rjhub-matching-benchmark", targets: ["MatchingBenchmark"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    // C libraries, from Debian's -dev packages.
    .systemLibrary(
      name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq",
      providers: [.apt(["librabbitmq-dev"])]),
    .systemLibrary(
      name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]),
    .systemLibrary(
      name: "CCurl", path: "Shared/CCurl", pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CPangoCairo", path: "Shared/CPangoCairo", pkgConfig: "pangocairo",
      providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),

    // Shared libraries, one job each.
    .target(
      name: "AMQPClient",
      dependencies: ["CRabbitMQ", .product(name: "Logging", package: "swift-log")],
      path: "Shared/AMQPClient", swiftSettings: swiftSettings),
    .target(
      name: "SMTPClient",
      dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
      path: "Shared/SMTPClient", swiftSettings: swiftSettings),
    .target(
      name: "PostgresClient",
      dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
      path: "Shared/PostgresClient", swiftSettings: swiftSettings),
    .target(
      name: "EventContracts",
      path: "Shared/EventContracts", swiftSettings: swiftSettings),
    // Letters as print-ready PDF: Cairo's PDF surface and Pango's layout.
    .target(
      name: "LetterDocuments", dependencies: ["CPangoCairo"],
      path: "Shared/LetterDocuments", swiftSettings: swiftSettings),
    .target(
      name: "DurableMessaging",
      dependencies: [
        "AMQPClient", "PostgresClient", "EventContracts",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Shared/DurableMessaging", swiftSettings: swiftSettings),
    // Configuration from the environment: no HTTP, metrics or logging dependency, so any
    // library can read a setting.
    .target(
      name: "HubConfiguration",
      path: "Shared/HubConfiguration", swiftSettings: swiftSettings),
    .target(
      name: "ServiceRuntime",
      dependencies: [
        "HubConfiguration",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      path: "Shared/ServiceRuntime", swiftSettings: swiftSettings),

    .target(
      name: "HubAreas",
      dependencies: ["EventContracts", "HubConfiguration"],
      path: "Shared/HubAreas", resources: [.copy("Resources/bank-holidays.json")],
      swiftSettings: swiftSettings),

    .target(
      name: "ServiceAssembly",
      dependencies: [
        "AMQPClient", "PostgresClient", "DurableMessaging", "HubConfiguration", "ServiceRuntime",
        "PersonalData", "AuditTrail", "EventContracts",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      path: "Shared/ServiceAssembly", swiftSettings: swiftSettings),

    // Access control for every HTTP route: bearer tokens and one policy.
    .target(
      name: "AccessControl",
      dependencies: [
        "HubConfiguration",
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      path: "Shared/AccessControl", swiftSettings: swiftSettings),

    .target(
      name: "AuditTrail",
      dependencies: [
        "PostgresClient",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Shared/AuditTrail", swiftSettings: swiftSettings),

    .target(
      name: "PersonalData",
      dependencies: [
        "HubConfiguration", "PostgresClient",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Shared/PersonalData", swiftSettings: swiftSettings),

    // The five services: domain logic in a library (tested directly), a thin executable.
    .target(
      name: "Intake",
      dependencies: [
        "PostgresClient", "EventContracts", "DurableMessaging", "HubConfiguration",
        "ServiceRuntime", "ServiceAssembly", "AccessControl", "PersonalData", "AuditTrail",
        "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      path: "Services/Intake/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "IntakeExecutable", dependencies: ["Intake", "ServiceAssembly"],
      path: "Services/Intake/Executable", swiftSettings: swiftSettings),
    .target(
      name: "VictimContact",
      dependencies: [
        "PostgresClient", "EventContracts", "DurableMessaging", "HubConfiguration",
        "ServiceRuntime", "ServiceAssembly", "AccessControl", "PersonalData", "AuditTrail",
        "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Services/VictimContact/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "VictimContactExecutable", dependencies: ["VictimContact", "ServiceAssembly"],
      path: "Services/VictimContact/Executable", swiftSettings: swiftSettings),
    .target(
      name: "FacilitatorMatching",
      dependencies: [
        "PostgresClient", "EventContracts", "DurableMessaging", "HubConfiguration",
        "ServiceRuntime", "ServiceAssembly", "AccessControl", "PersonalData", "AuditTrail",
        "HubAreas", .product(name: "Logging", package: "swift-log"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Services/FacilitatorMatching/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FacilitatorMatchingExecutable",
      dependencies: ["FacilitatorMatching", "ServiceAssembly"],
      path: "Services/FacilitatorMatching/Executable", swiftSettings: swiftSettings),
    .target(
      name: "Notifications",
      dependencies: [
        "PostgresClient", "EventContracts", "DurableMessaging", "HubConfiguration",
        "ServiceRuntime", "ServiceAssembly", "PersonalData", "HubAreas", "AccessControl",
        "LetterDocuments",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Hummingbird", package: "hummingbird"),
        "SMTPClient", .product(name: "Mustache", package: "swift-mustache"),
      ],
      path: "Services/Notifications/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "NotificationsExecutable", dependencies: ["Notifications", "ServiceAssembly"],
      path: "Services/Notifications/Executable", swiftSettings: swiftSettings),
    .target(
      name: "Reporting",
      dependencies: [
        "PostgresClient", "EventContracts", "DurableMessaging", "HubConfiguration",
        "ServiceRuntime", "ServiceAssembly", "AccessControl", "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      path: "Services/Reporting/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "ReportingExecutable", dependencies: ["Reporting", "ServiceAssembly"],
      path: "Services/Reporting/Executable", swiftSettings: swiftSettings),

    // The staff's web app over the five services' APIs: owns only its sign-in sessions.
    .target(
      name: "Workplace",
      dependencies: [
        "PostgresClient", "HubConfiguration", "ServiceRuntime", "AccessControl", "PersonalData",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Services/Workplace/Sources", resources: [.copy("Resources")],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "WorkplaceExecutable", dependencies: ["Workplace"],
      path: "Services/Workplace/Executable", swiftSettings: swiftSettings),

    // Operator tools and drills.
    .executableTarget(
      name: "RJHubCLI",
      dependencies: [
        "AMQPClient", "DurableMessaging", "HubConfiguration", "ServiceRuntime", "ServiceAssembly",
        "EventContracts", "AccessControl", "PersonalData", "PostgresClient", "HubAreas",
        "Intake", "VictimContact", "FacilitatorMatching", "Notifications", "Reporting",
        "Workplace",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Services/RJHubCLI", swiftSettings: swiftSettings),
    .executableTarget(
      name: "PlatformDrill",
      dependencies: [
        "AMQPClient", "PostgresClient", "DurableMessaging", "HubConfiguration", "ServiceRuntime",
        "ServiceAssembly", "DrillKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
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
    .executableTarget(
      name: "EndToEndBenchmark",
      dependencies: [
        "AMQPClient", "EventContracts", "TestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/EndToEndBenchmark", swiftSettings: swiftSettings),
    .executableTarget(
      name: "IntakeBenchmark",
      dependencies: [
        "AMQPClient", "EventContracts", "TestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/IntakeBenchmark", swiftSettings: swiftSettings),
    .executableTarget(
      name: "CaseWorkBenchmark",
      dependencies: [
        "AMQPClient", "EventContracts", "TestSupport", "AccessControl",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/CaseWorkBenchmark", swiftSettings: swiftSettings),
    .executableTarget(
      name: "MatchingBenchmark",
      dependencies: ["AMQPClient", "EventContracts", "TestSupport", "AccessControl"],
      path: "Benchmarks/MatchingBenchmark", swiftSettings: swiftSettings),
    // The case page's render time (Benchmarks/workplace.sh); its in-process part uses the
    // workplace's internal pages, so that script builds it for testing in a scratch path.
    .executableTarget(
      name: "WorkplaceBenchmark",
      dependencies: [
        "Workplace", "AccessControl", "ServiceRuntime", "TestSupport", "EventContracts",
        "AMQPClient",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/WorkplaceBenchmark", swiftSettings: swiftSettings),

    // Tests. Integration suites need the servers that infra/ starts; they fail when missing.
    .target(
      name: "TestSupport",
      dependencies: [
        "AMQPClient", "PostgresClient", "EventContracts", "DurableMessaging", "AccessControl",
        "PersonalData", "HubConfiguration", "ServiceRuntime",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
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
        "ServiceRuntime", "HubConfiguration",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      path: "Tests/ServiceRuntimeTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "HubConfigurationTests", dependencies: ["HubConfiguration"],
      path: "Tests/HubConfigurationTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "DurableMessagingTests",
      dependencies: [
        "AMQPClient", "PostgresClient", "DurableMessaging", "EventContracts", "TestSupport",
        "DrillKit",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/DurableMessagingTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "OperationsTests",
      dependencies: [
        "AMQPClient", "PostgresClient", "DurableMessaging", "TestSupport", "EventContracts",
        "Intake", "VictimContact", "FacilitatorMatching", "Notifications", "Reporting",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/OperationsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "IntakeTests",
      dependencies: [
        "Intake", "TestSupport", "EventContracts", "DurableMessaging", "PostgresClient",
        "AMQPClient", "AccessControl", "PersonalData", "HubConfiguration", "ServiceRuntime",
        "AuditTrail", "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      path: "Tests/IntakeTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "VictimContactTests",
      dependencies: [
        "HubConfiguration", "ServiceRuntime",
        "VictimContact", "TestSupport", "EventContracts", "DurableMessaging", "PostgresClient",
        "AMQPClient", "AccessControl", "HubAreas", "PersonalData",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/VictimContactTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "FacilitatorMatchingTests",
      dependencies: [
        "HubConfiguration", "ServiceRuntime",
        "FacilitatorMatching", "TestSupport", "EventContracts", "DurableMessaging",
        "PostgresClient", "AMQPClient", "AccessControl", "AuditTrail", "PersonalData",
        "Notifications", "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/FacilitatorMatchingTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "NotificationsTests",
      dependencies: [
        "HubConfiguration", "ServiceRuntime",
        "Notifications", "TestSupport", "EventContracts", "DurableMessaging", "PostgresClient",
        "AMQPClient", "SMTPClient", "AccessControl", "LetterDocuments", "HubAreas",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      path: "Tests/NotificationsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "LetterDocumentsTests", dependencies: ["LetterDocuments", "TestSupport"],
      path: "Tests/LetterDocumentsTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "ReportingTests",
      dependencies: [
        "Reporting", "TestSupport", "EventContracts", "DurableMessaging", "PostgresClient",
        "AMQPClient", "AccessControl",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      path: "Tests/ReportingTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "AccessControlTests",
      dependencies: [
        "AccessControl", "HubConfiguration", "TestSupport",
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      path: "Tests/AccessControlTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "PersonalDataTests",
      dependencies: [
        "PersonalData", "HubConfiguration",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/PersonalDataTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "AuditTrailTests",
      dependencies: [
        "AuditTrail", "TestSupport", "PostgresClient",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      path: "Tests/AuditTrailTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "APIDocumentTests",
      dependencies: [
        "Intake", "VictimContact", "FacilitatorMatching", "Notifications", "Reporting",
        "ServiceAssembly", "HubConfiguration", "ServiceRuntime", "TestSupport",
      ],
      path: "Tests/APIDocumentTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "WorkplaceTests",
      dependencies: [
        "Workplace", "ServiceRuntime", "AccessControl",
      ],
      path: "Tests/WorkplaceTests", swiftSettings: swiftSettings),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "TestSupport", "EventContracts", "AMQPClient", "PostgresClient", "AccessControl",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Tests/EndToEndTests", swiftSettings: swiftSettings),
  ]
)
