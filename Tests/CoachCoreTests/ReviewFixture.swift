import Foundation

/// Reads draft fixtures from `Fixtures/review`.
enum ReviewFixture {
    /// The text of `Fixtures/review/<name>.txt`.
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/review")
        else {
            throw FixtureMissing(name: name)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Thrown when a fixture file is not in the bundle.
    struct FixtureMissing: Error, CustomStringConvertible {
        var name: String
        var description: String { "no fixture Fixtures/review/\(name).txt" }
    }
}
