import Foundation

/// Where the store is, as given by `--store` or `COACH_STORE`: an SQLite database file, or a PostgreSQL database.
///
/// `sqlite:PATH` names the database file (a relative path is from the current folder).
/// `postgres://user@host:port/database?sslmode=require` (or `postgresql://`) names a PostgreSQL database; the
/// host may instead be a folder holding the server's Unix socket, given as `?host=/run/postgresql`. A password is
/// never part of the URL: it comes from `PGPASSWORD` or a `~/.pgpass` file, so it stays out of command lines,
/// process listings and logs.
public enum StoreURL: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(Postgres)

    /// A PostgreSQL database's address and how to reach it.
    public struct Postgres: Sendable, Equatable, CustomStringConvertible {
        /// How to use TLS, as libpq's `sslmode` says.
        public enum TLSMode: String, Sendable, Equatable, CaseIterable {
            /// No TLS.
            case disable
            /// TLS when the server offers it (libpq's default; Coach treats it as `disable` over a Unix socket).
            case prefer
            /// TLS required, the server's certificate checked against the system's trusted authorities.
            case require
        }

        /// The role to connect as.
        public var user: String
        /// The server's host name or address; nil when a Unix socket is used.
        public var host: String?
        /// The folder holding the server's Unix socket (`?host=/path`), when no network host is given.
        public var socketFolder: String?
        /// The server's port (5432 unless given); also names the socket file `.s.PGSQL.<port>`.
        public var port: Int
        /// The database name.
        public var database: String
        /// Whether to use TLS.
        public var tls: TLSMode

        public init(
            user: String, host: String?, socketFolder: String? = nil, port: Int = 5432, database: String,
            tls: TLSMode = .prefer
        ) {
            self.user = user
            self.host = host
            self.socketFolder = socketFolder
            self.port = port
            self.database = database
            self.tls = tls
        }

        /// `text` with every character but letters, digits, `-._~` and those of `keeping` percent-encoded.
        static func encoded(_ text: String, keeping: String = "") -> String {
            var allowed = CharacterSet(charactersIn: "-._~" + keeping)
            allowed.formUnion(CharacterSet(charactersIn: "a"..."z"))
            allowed.formUnion(CharacterSet(charactersIn: "A"..."Z"))
            allowed.formUnion(CharacterSet(charactersIn: "0"..."9"))
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }

        /// The socket file's path when a socket folder is used.
        public var socketPath: String? {
            socketFolder.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/.s.PGSQL.\(port)" }
        }

        /// The URL as shown in messages (never with a password: it has none), percent-encoded so that it can be
        /// given back to `--store` as it is: a database named `no db` is written `no%20db`.
        public var description: String {
            var text = "postgres://\(Self.encoded(user))@\(host.map { Self.encoded($0, keeping: ":[]") } ?? "")"
            if host != nil {
                text += ":\(port)"
            }
            text += "/\(Self.encoded(database))"
            var query: [String] = []
            if let socketFolder { query += ["host=\(Self.encoded(socketFolder, keeping: "/"))", "port=\(port)"] }
            if tls != .prefer { query.append("sslmode=\(tls.rawValue)") }
            return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
        }
    }

    /// The store as written in messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let postgres): return postgres.description
        }
    }

    /// What `--store` takes, for help and messages.
    public static let forms = "sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (add ?sslmode=require for TLS)"

    /// Reads a `--store` value; the error says what is wrong and what to write instead.
    public init(parsing text: String, environment: [String: String] = [:]) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            if path.hasPrefix("//") {
                // sqlite:///abs/path, as some tools write it.
                path = String(path.dropFirst(2))
            }
            guard !path.isEmpty else {
                throw Self.invalid(text, "it names no database file (write sqlite:/path/to/coach.sqlite)")
            }
            if path == "~" || path.hasPrefix("~/") {
                let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
                path = home + path.dropFirst()
            }
            self = .sqlite(path: path)
            return
        }
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(try Self.postgres(trimmed, original: text))
            return
        }
        throw Self.invalid(text, "it starts with neither sqlite: nor postgres://")
    }

    private static func postgres(_ text: String, original: String) throws(StoreError) -> Postgres {
        guard let components = URLComponents(string: text) else {
            throw invalid(original, "it is not a well-formed URL (percent-encode unusual characters)")
        }
        if components.password != nil {
            throw StoreError(
                .invalid,
                "The store URL must not carry a password: it would show in the process list and in logs. Remove it "
                    + "from the URL and put it in PGPASSWORD or in ~/.pgpass (host:port:database:user:password, "
                    + "chmod 600).")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        if let unknown = query.keys.sorted().first(where: { !["sslmode", "host", "port", "user", "dbname"].contains($0) }) {
            throw invalid(original, "it has the parameter '\(unknown)' (Coach reads sslmode and host)")
        }
        var tls = Postgres.TLSMode.prefer
        if let mode = query["sslmode"] {
            switch mode {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw invalid(original, "sslmode '\(mode)' is not one of disable, prefer, require")
            }
        }
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        var socketFolder: String?
        var networkHost = host
        if let given = query["host"], !given.isEmpty {
            if given.hasPrefix("/") {
                socketFolder = given
                networkHost = nil
            } else {
                networkHost = given
            }
        } else if let host, host.hasPrefix("/") {
            // postgres://user@%2Frun%2Fpostgresql/db, as libpq also reads it.
            socketFolder = host
            networkHost = nil
        }
        guard networkHost != nil || socketFolder != nil else {
            throw invalid(original, "it names no host (write postgres://user@localhost:5432/coach)")
        }
        var port = 5432
        if let given = components.port {
            port = given
        } else if let text = query["port"] {
            guard let given = Int(text) else { throw invalid(original, "its port '\(text)' is not a number") }
            port = given
        }
        guard (1...65535).contains(port) else {
            throw invalid(original, "its port \(port) is not between 1 and 65535")
        }
        let user = components.user?.removingPercentEncoding ?? query["user"] ?? ""
        guard !user.isEmpty else {
            throw invalid(original, "it names no user (write postgres://USER@host/database)")
        }
        var database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = database.removingPercentEncoding ?? database
        if database.isEmpty, let name = query["dbname"] { database = name }
        guard !database.isEmpty, !database.contains("/") else {
            throw invalid(original, "it names no database (write postgres://user@host:5432/DATABASE)")
        }
        return Postgres(
            user: user, host: networkHost, socketFolder: socketFolder, port: port, database: database, tls: tls)
    }

    static func invalid(_ text: String, _ why: String) -> StoreError {
        StoreError(.invalid, "'\(redacted(text))' is not a store Coach can open: \(why). Write \(forms).")
    }

    /// The text with any password between `user:` and `@` hidden, for messages.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
