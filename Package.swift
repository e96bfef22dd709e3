// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Coach",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coach", targets: ["coach"]),
        .library(name: "CoachCore", targets: ["CoachCore"]),
    ],
    traits: [
        // Off by default: postgres-nio and SwiftNIO take minutes to build (docs/benchmarks.md). CI and fleet builds
        // turn it on with `swift build --traits Postgres`.
        .trait(name: "Postgres", description: "A shared PostgreSQL store (--store postgres://...) through postgres-nio.")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        /** The pure heart: playbook model, loader and linter, engine state machine, rendering, review. No I/O. */
        .target(
            name: "CoachCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        /** What every shell shares: playbook files, today's date, and the durable session service over the store. */
        .target(
            name: "CoachShell",
            dependencies: [
                "CoachCore", "CoachStore", .target(name: "CoachPostgres", condition: .when(traits: ["Postgres"])),
            ]),
        /** libedit (BSD editline) as a C module, with a shim for its variadic functions. */
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        /** Small C helpers Swift cannot express: signal flags, pseudo-terminal spawning. */
        .target(name: "CCoachSupport"),
        /** The interactive REPL: a thin shell over the engine with libedit line editing. */
        .target(
            name: "CoachTerminal",
            dependencies: ["CoachCore", "CoachShell", "CoachStore", "CLibEdit", "CCoachSupport"]
        ),
        /** JSON-RPC 2.0 over JSON lines: a thin shell over the engine for bots and editors. */
        .target(
            name: "CoachProtocol",
            dependencies: ["CoachCore", "CoachShell", "CoachStore"],
            // The JSON Schema of every message, compiled into the binary so `coach serve --schema` needs no file.
            resources: [.embedInCode("coach-protocol-1.schema.json")]
        ),
        /** The playbooks as a Model Context Protocol server: tools, elicitation, prompts and resources over stdio. */
        .target(
            name: "CoachMCP",
            dependencies: [
                "CoachCore", "CoachShell", "CoachProtocol",
                .product(name: "MCP", package: "swift-sdk"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /** Durable sessions, journal, drafts and account memory in SQLite through GRDB. */
        .target(
            name: "CoachStore",
            dependencies: ["CoachCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        /** The same store in a PostgreSQL database that several workers share (built with the Postgres trait). */
        .target(
            name: "CoachPostgres",
            dependencies: [
                "CoachStore",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Postgres"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["Postgres"])),
            ]
        ),
        /** The `coach` command: argument parsing and wiring only. */
        .executableTarget(
            name: "coach",
            dependencies: [
                "CoachCore", "CoachShell", "CoachTerminal", "CoachProtocol", "CoachMCP", "CoachStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /** A tiny line-editor driver that pseudo-terminal tests run to prove editing, history and Ctrl-C. */
        .executableTarget(name: "linedemo", dependencies: ["CoachTerminal"], path: "Tests/LineDemo"),
        /** What every test target shares: fixture listings that throw, golden files, a seeded generator, temporary folders, a JSON Schema validator. */
        .target(name: "CoachTestSupport", dependencies: ["CoachCore"], path: "Tests/CoachTestSupport"),
        .testTarget(name: "CoachCoreTests", dependencies: ["CoachTestSupport", "CoachCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CoachTerminalTests", dependencies: ["CoachTestSupport", "CoachTerminal", "CoachCore", "CCoachSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "CoachProtocolTests", dependencies: ["CoachTestSupport", "CoachProtocol", "CoachCore", "CoachShell", "CoachStore"],
            exclude: ["Transcripts", "Fixtures"]),
        .testTarget(
            name: "CoachStoreTests", dependencies: ["CoachTestSupport", "CoachStore", "CoachCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CoachMCPTests",
            dependencies: [
                "CoachTestSupport",
                "CoachMCP", "CoachCore", "CoachShell", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "CoachShellTests", dependencies: ["CoachTestSupport", "CoachShell", "CoachCore", "CoachStore"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SessionStoreTests",
            dependencies: [
                "CoachTestSupport", "CoachStore", "CoachShell", "CoachCore",
                .target(name: "CoachPostgres", condition: .when(traits: ["Postgres"])),
            ]),
        .testTarget(name: "CoachEndToEndTests", dependencies: ["CoachTestSupport", "CCoachSupport", "linedemo"], exclude: ["Scripts"]),
    ],
    swiftLanguageModes: [.v6]
)

// Benchmark and floor targets are added only when asked (`COACH_BENCHMARKS=1`, as benchmarks/run.sh does), so a
// plain `swift build` and every user build stay lean.
if Context.environment["COACH_BENCHMARKS"] != nil {
    package.targets += [
        /** In-process benchmarks of the engine and the loader (run on a release build; see docs/benchmarks.md). */
        .executableTarget(name: "coach-bench", dependencies: ["CoachCore", "CoachShell", "CoachStore"], path: "benchmarks/CoachBench"),
        /** Benchmark floor: a Swift hello-world, the cost of starting any Swift program (vs `coach --version`). */
        .executableTarget(name: "floor-hello", path: "benchmarks/Floors/Hello"),
        /** Benchmark floor: a Swift program that only opens libedit and shows a prompt (vs `coach run`). */
        .executableTarget(name: "floor-libedit", dependencies: ["CLibEdit"], path: "benchmarks/Floors/LibEdit"),
        /** Benchmark floor: answers every line with a fixed JSON line (vs `coach serve`). */
        .executableTarget(name: "floor-responder", path: "benchmarks/Floors/Responder"),
    ]
}
