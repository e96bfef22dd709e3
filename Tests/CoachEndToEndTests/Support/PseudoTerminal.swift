import CCoachSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A built program running on its own pseudo-terminal, driven by keys and read with timeouts, for end-to-end tests.
final class PseudoTerminal {
    /// Why driving the program failed, with the output seen so far.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the screen output read so far.
        let description: String
    }

    /// Keys as a terminal in normal (not application) cursor mode sends them.
    enum Key: String {
        case enter = "\r"
        case tab = "\t"
        case backspace = "\u{7F}"
        case up = "\u{1B}[A"
        case down = "\u{1B}[B"
        case right = "\u{1B}[C"
        case left = "\u{1B}[D"
        case home = "\u{1B}[H"
        case end = "\u{1B}[F"
        case ctrlA = "\u{1}"
        case ctrlC = "\u{3}"
        case ctrlD = "\u{4}"
        case ctrlE = "\u{5}"
        case ctrlK = "\u{B}"
        case ctrlR = "\u{12}"
        case ctrlU = "\u{15}"
        case ctrlW = "\u{17}"
    }

    /// The child's process id.
    let pid: pid_t
    private let master: Int32
    private var output: [UInt8] = []
    private var searchStart = 0
    private var exitStatus: Int32?
    private var closed = false

    /// Everything the program wrote so far (escape codes included), decoded as UTF-8.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// Starts `executable` on a new terminal of `rows` x `columns` with `HOME=home`, `LANG=C.UTF-8`,
    /// `TERM=xterm-256color`, a minimal `PATH`, and `environment` on top. The parent's environment is not inherited.
    init(
        executable: String, arguments: [String] = [], home: String, environment: [String: String] = [:],
        rows: UInt16 = 30, columns: UInt16 = 100
    ) throws {
        var env = ["HOME": home, "LANG": "C.UTF-8", "TERM": "xterm-256color", "PATH": "/usr/local/bin:/usr/bin:/bin"]
        env.merge(environment) { _, new in new }
        let argv = [executable] + arguments
        let envp = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var master: Int32 = -1
        var pid: pid_t = 0
        let result = Self.withCStrings(argv) { cArgv in
            Self.withCStrings(envp) { cEnvp in
                coach_pty_spawn(executable, cArgv, cEnvp, rows, columns, &master, &pid)
            }
        }
        guard result == 0 else {
            throw Failure(description: "could not start \(executable) on a pseudo-terminal: errno \(coach_errno())")
        }
        self.master = master
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (UTF-8) as if on the keyboard.
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            bytes.removeFirst(written)
        }
    }

    /// Presses `keys` in order.
    func send(_ keys: Key...) {
        for key in keys { send(key.rawValue) }
    }

    /// Waits up to `timeout` seconds until `needle` appears after the previous match; returns the text up to it.
    @discardableResult
    func expect(_ needle: String, timeout: Double = 10) throws -> String {
        let target = Array(needle.utf8)
        let deadline = Self.now() + timeout
        while true {
            if let range = Self.find(target, in: output, from: searchStart) {
                let seen = String(decoding: output[searchStart..<range.upperBound], as: UTF8.self)
                searchStart = range.upperBound
                return seen
            }
            let remaining = deadline - Self.now()
            if remaining <= 0 || !readAvailable(timeout: remaining) {
                let reason = closed ? "the program closed the terminal" : "timed out after \(timeout)s"
                throw Failure(
                    description: "\(reason) waiting for \(needle.debugDescription); "
                        + "output so far: \(transcript.debugDescription)")
            }
        }
    }

    /// Reads whatever arrives within `seconds` and returns it (from the previous match on, which is left in place).
    func drain(for seconds: Double) -> String {
        let deadline = Self.now() + seconds
        while Self.now() < deadline && readAvailable(timeout: deadline - Self.now()) {}
        return String(decoding: output[searchStart...], as: UTF8.self)
    }

    /// Waits up to `timeout` seconds for the program to exit and returns its exit code (128 + signal if killed).
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Self.now() + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                _ = drain(for: 0.05)
                return code
            }
            if Self.now() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                exitStatus = 137
                throw Failure(
                    description: "\(pid) did not exit within \(timeout)s; killed. "
                        + "Output: \(transcript.debugDescription)")
            }
            _ = readAvailable(timeout: 0.02)
        }
    }

    /// Reads once if data arrives within `timeout` seconds; false on timeout or when the terminal has closed.
    private func readAvailable(timeout: Double) -> Bool {
        guard !closed else {
            usleep(UInt32(max(0, min(timeout, 0.02)) * 1_000_000))
            return false
        }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(timeout, 60)) * 1000)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno == EINTR { return true }
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            output.append(contentsOf: chunk[..<count])
            return true
        }
        if count < 0 && errno == EINTR { return true }
        closed = true  // EIO: every process holding the terminal has gone
        return false
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index..<index + needle.count].elementsEqual(needle) {
            return index..<index + needle.count
        }
        return nil
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// The path of the built executable `name` next to the running test bundle, or nil when it was not built.
    static func builtProduct(_ name: String, filePath: String = #filePath) -> String? {
        var folders: [String] = []
        if let first = CommandLine.arguments.first {
            folders.append((first as NSString).deletingLastPathComponent)
        }
        if let executable = Bundle.main.executablePath {
            folders.append((executable as NSString).deletingLastPathComponent)
        }
        folders.append(Bundle.main.bundlePath)
        folders.append((Bundle.main.bundlePath as NSString).deletingLastPathComponent)
        // …/Tests/CoachEndToEndTests/Support/PseudoTerminal.swift → the package root.
        var root = filePath
        for _ in 0..<4 { root = (root as NSString).deletingLastPathComponent }
        folders.append(root + "/.build/debug")
        for folder in folders {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Makes a fresh private temporary folder and returns its path.
    static func makeTemporaryFolder() throws -> String {
        var template = Array("/tmp/coach-pty-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "mkdtemp failed: errno \(errno)")
        }
        return String(cString: made)
    }
}
