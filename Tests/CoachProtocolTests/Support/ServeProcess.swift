import CoachCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `coach serve` started for a test, written to and read from in lock-step with a timeout on every read.
final class ServeProcess {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    /// The package root (the folder with Package.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture playbooks folder, relative to the package root (so `origin` in replies is stable).
    static let fixturePlaybooks = "Tests/CoachProtocolTests/Fixtures/playbooks"

    /// The built `coach` binary: `COACH_BINARY`, else next to the test bundle, else `.build/debug/coach`.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["COACH_BINARY"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("coach"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/coach"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("the coach binary was not found next to the tests (\(me.path)); run `swift build` or set COACH_BINARY")
        }
        return found
    }

    /// Starts `coach serve --playbooks <fixtures>` with `COACH_TODAY` fixed; with `noStore` (the default) nothing is
    /// saved (`COACH_NO_STORE=1`), else the arguments say where.
    init(arguments: [String] = ["serve", "--playbooks", ServeProcess.fixturePlaybooks], noStore: Bool = true) throws {
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = try ServeProcess.binary()
        process.arguments = arguments
        process.currentDirectoryURL = ServeProcess.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["COACH_TODAY"] = "2026-11-23"
        env["COACH_STORE"] = nil
        env["COACH_NO_STORE"] = noStore ? "1" : nil
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Writes `bytes` to the server's standard input; false when it is closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        let fd = input.fileHandleForWriting.fileDescriptor
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// The next line the server writes, or nil at end of output; throws after `timeout` seconds of silence.
    func readLine(timeout: Int32 = 10) throws -> [UInt8]? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, timeout * 1000)
            if ready == 0 { throw TestFailure("coach serve wrote nothing for \(timeout) s") }
            if ready < 0 {
                if errno == EINTR { continue }
                throw TestFailure("poll failed: \(errno)")
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if buffer.isEmpty { return nil }
                defer { buffer = [] }
                return buffer
            }
            buffer += chunk[0..<n]
        }
    }

    /// Closes this side's end of the server's standard output, as a client that goes away does.
    func closeOutput() {
        try? output.fileHandleForReading.close()
    }

    /// Closes standard input; returns whatever else the server wrote and its exit status.
    func finish() throws -> (rest: [UInt8], status: Int32) {
        try? input.fileHandleForWriting.close()
        var rest: [UInt8] = []
        while let line = try readLine() { rest += line + [0x0A] }
        process.waitUntilExit()
        return (rest, process.terminationStatus)
    }
}

/// A failure a test reports with its message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
