import CoachTestSupport
import Foundation
import Testing

/// Finds the built `coach` binary and the example playbooks, and starts it on a pseudo-terminal or with pipes.
enum CoachBinary {
    /// The package root.
    static let root: String = Repository.root.path

    /// The folder holding the complete example playbook (account-checkup).
    static let fixtures = root + "/Tests/CoachCoreTests/Fixtures/playbooks"

    /// The built binary, or a failed requirement that says to build it.
    static func path() throws -> String {
        try #require(PseudoTerminal.builtProduct("coach"), "coach is not built next to the tests; run `swift build` first")
    }

    /// The environment every run gets: a fixed day, a private data folder.
    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var env = ["COACH_HOME": home + "/coach", "COACH_TODAY": "2026-03-02"]
        env.merge(extra) { _, new in new }
        return env
    }

    /// Starts `coach arguments --playbooks <fixtures>` on a fresh 30x100 terminal.
    static func terminal(
        _ arguments: [String], home: String? = nil, environment: [String: String] = [:]
    ) throws -> (PseudoTerminal, String) {
        let home = try home ?? PseudoTerminal.makeTemporaryFolder()
        let terminal = try PseudoTerminal(
            executable: try path(), arguments: arguments + ["--playbooks", fixtures], home: home,
            environment: Self.environment(home: home, extra: environment))
        return (terminal, home)
    }

    /// What a piped run printed and how it ended.
    struct PipedResult {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `coach arguments --playbooks <fixtures>` with `input` on a pipe as stdin (no terminal anywhere);
    /// `addFixtures: false` leaves the playbook folders to the arguments, `directory` sets the working directory.
    static func piped(
        _ arguments: [String], input: String, environment: [String: String] = [:], addFixtures: Bool = true,
        directory: String? = nil
    ) throws -> PipedResult {
        let home = try PseudoTerminal.makeTemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments + (addFixtures ? ["--playbooks", fixtures] : [])
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? home)
        var env = ["HOME": home, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"]
        env.merge(Self.environment(home: home, extra: environment)) { _, new in new }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return PipedResult(
            stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self),
            status: process.terminationStatus)
    }
}
