import Foundation

/// A writer child process and what it printed.
final class WriterChild {
    let process = Process()
    private let output = Pipe()
    private var text = ""

    init(home: String, rounds: Int?) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "childWriter"]
        var environment = ProcessInfo.processInfo.environment
        environment["COACH_STORE_CHILD_HOME"] = home
        environment["COACH_STORE_CHILD_ROUNDS"] = rounds.map(String.init)
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Reads the child's output until it has acknowledged `count` rounds (or ended); returns the last round seen.
    func waitForAcks(_ count: Int) -> Int {
        while true {
            let chunk = output.fileHandleForReading.availableData
            text += String(decoding: chunk, as: UTF8.self)
            let last = Self.lastAck(in: text)?.round ?? 0
            if last >= count || chunk.isEmpty {
                return last
            }
        }
    }

    /// Reads everything left and waits for the child to end.
    func finish() -> (text: String, lastAck: (id: String, round: Int)?) {
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (text, Self.lastAck(in: text))
    }

    static func lastAck(in text: String) -> (id: String, round: Int)? {
        let complete = text.split(separator: "\n", omittingEmptySubsequences: true)
        for line in complete.reversed() where line.hasPrefix("ack ") {
            let parts = line.split(separator: " ")
            if parts.count == 3, let round = Int(parts[2]) {
                return (String(parts[1]), round)
            }
        }
        return nil
    }
}
