import Foundation

/// Where the package's files are, found from this file's place: Tests/CoachTestSupport/Repository.swift.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `relative` below the package root.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
