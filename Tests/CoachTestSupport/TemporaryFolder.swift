import Foundation

/// A fresh folder under the system temporary folder, removed (its modes restored first) when it goes away.
public struct TemporaryFolder: ~Copyable {
    public let path: String

    /// Creates `coach-<prefix>-<uuid>` under the temporary folder.
    public init(prefix: String = "tests") {
        path = Self.make(prefix: prefix)
    }

    /// Creates a folder that stays after the test (for a child process that outlives the value); returns its path.
    public static func make(prefix: String = "tests") -> String {
        let path = FileManager.default.temporaryDirectory.path + "/coach-\(prefix)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    deinit {
        if let names = FileManager.default.subpaths(atPath: path) {
            for name in names { _ = chmod(path + "/" + name, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
