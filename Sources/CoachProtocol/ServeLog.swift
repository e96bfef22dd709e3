#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Log lines for `coach serve`, on standard error only (standard output carries protocol messages).
public struct ServeLog: Sendable {
    /// How much to log.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case error, warn, info, debug

        /// The level named `name` (`error`, `warn`, `info`, `debug`).
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { $0.name == name }) else { return nil }
            self = level
        }

        /// The level's name on the command line.
        public var name: String {
            switch self {
            case .error: return "error"
            case .warn: return "warn"
            case .info: return "info"
            case .debug: return "debug"
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The most detailed level written.
    public var level: Level

    /// A log that writes messages up to `level`.
    public init(level: Level) { self.level = level }

    /// Whether messages at `level` are written.
    @inline(__always)
    public func enabled(_ level: Level) -> Bool { level <= self.level }

    /// Writes `message` at `level`.
    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard enabled(level) else { return }
        var line = "coach serve: \(level.name): \(message())\n"
        line.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
