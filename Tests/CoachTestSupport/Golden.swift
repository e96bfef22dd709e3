import Foundation

/// Compares text with a golden file. Setting `COACH_RECORD=1` writes the file and still fails ("recorded, run
/// again"), so a recording never passes as a comparison; a missing file fails too.
public enum Golden {
    /// Why a comparison failed; the message says what to do next.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case recorded(path: String)
        case missing(path: String)
        case differs(path: String, line: Int, expected: String, actual: String)

        public var description: String {
            switch self {
            case .recorded(let path):
                return "recorded \(path), run again without COACH_RECORD=1 to compare (read the diff first)"
            case .missing(let path):
                return "no golden file \(path): record it with COACH_RECORD=1 swift test, read it, then run again"
            case .differs(let path, let line, let expected, let actual):
                return "\(path) differs at line \(line):\n  expected: \(expected)\n  actual:   \(actual)\n"
                    + "If the change is intended, re-record with COACH_RECORD=1 swift test, then run again."
            }
        }
    }

    /// Whether this run records golden files instead of comparing with them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["COACH_RECORD"] == "1" }

    /// Throws unless `text` equals the golden file at `url`.
    public static func assert(_ text: String, matches url: URL) throws {
        let path = url.path
        if recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            throw Failure.recorded(path: path)
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else { throw Failure.missing(path: path) }
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
        throw Failure.differs(
            path: path, line: index + 1,
            expected: index < want.count ? String(want[index]) : "<end>",
            actual: index < got.count ? String(got[index]) : "<end>")
    }
}
