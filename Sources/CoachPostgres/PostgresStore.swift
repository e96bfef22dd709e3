#if Postgres
    import CoachStore
    import Foundation
    import Logging
    import NIOCore
    import NIOPosix
    import NIOSSL
    import PostgresNIO

    /// The store in a PostgreSQL database that several `coach serve` workers share.
    ///
    /// The same tables, operations and guarantees as ``CoachStore``: every method has committed before it returns,
    /// and nothing is cached between calls, so each read sees what every worker committed. The session service is
    /// synchronous and postgres-nio is not: ``Link/run(_:)`` is the one place that waits for the database.
    public final class PostgresStore: SessionStore, @unchecked Sendable {
        /// The database's URL, without any password (it never has one).
        public let location: String
        let url: StoreURL.Postgres
        let configuration: PostgresConnection.Configuration
        let clock: @Sendable () -> Double
        let logger = Logger(label: "coach.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        /// Guards `connection`: one request at a time uses it (the service is synchronous).
        private let lock = NSLock()
        private var connection: PostgresConnection?

        init(
            url: StoreURL.Postgres, configuration: PostgresConnection.Configuration,
            clock: @escaping @Sendable () -> Double
        ) {
            self.url = url
            self.location = url.description
            self.configuration = configuration
            self.clock = clock
        }

        deinit {
            try? connection?.close().wait()
        }

        /// Connects to the database `url` names (password from `PGPASSWORD` or the password file) and brings its
        /// schema to the latest version, under an advisory lock so that workers starting together migrate once.
        public static func open(
            _ url: StoreURL.Postgres, environment: [String: String],
            clock: @escaping @Sendable () -> Double = CoachStore.now
        ) throws(StoreError) -> PostgresStore {
            let password = PasswordFile.password(for: url, environment: environment)
            var configuration: PostgresConnection.Configuration
            if let socket = url.socketPath {
                configuration = .init(
                    unixSocketPath: socket, username: url.user, password: password, database: url.database)
            } else {
                let tls: PostgresConnection.Configuration.TLS
                do {
                    switch url.tls {
                    case .disable: tls = .disable
                    case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                    case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                    }
                } catch {
                    throw StoreError(.io, "Coach could not set up TLS for \(url) (\(error)). Check the system's certificates.")
                }
                configuration = .init(
                    host: url.host ?? "localhost", port: url.port, username: url.user, password: password,
                    database: url.database, tls: tls)
            }
            configuration.options.connectTimeout = .seconds(10)
            let store = PostgresStore(url: url, configuration: configuration, clock: clock)
            try store.migrate()
            return store
        }

        // MARK: - The one blocking adapter

        /// One connection in use: queries run on it one after another, each waited for.
        struct Link {
            let connection: PostgresConnection
            let store: PostgresStore

            /// Runs `query` and waits for all its rows.
            @discardableResult
            func run(_ query: PostgresQuery) throws(StoreError) -> PostgresQueryResult {
                do {
                    return try connection.query(query, logger: store.logger).wait()
                } catch {
                    throw store.mapped(error)
                }
            }

            /// The number of rows the last statement changed.
            func changed(_ query: PostgresQuery) throws(StoreError) -> Int {
                try run(query).metadata.rows ?? 0
            }
        }

        /// Runs `body` on the connection (connecting first when there is none, or the last one was lost).
        func withLink<T>(_ body: (Link) throws(StoreError) -> T) throws(StoreError) -> T {
            lock.lock()
            defer { lock.unlock() }
            let link = Link(connection: try connected(), store: self)
            do {
                return try body(link)
            } catch {
                if link.connection.isClosed {
                    connection = nil
                }
                throw error
            }
        }

        /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
        func transaction<T>(_ body: (Link) throws(StoreError) -> T) throws(StoreError) -> T {
            try withLink { link throws(StoreError) in
                try link.run("BEGIN")
                let value: T
                do throws(StoreError) {
                    value = try body(link)
                } catch {
                    if !link.connection.isClosed {
                        _ = try? link.run("ROLLBACK")
                    }
                    throw error
                }
                try link.run("COMMIT")
                return value
            }
        }

        private func connected() throws(StoreError) -> PostgresConnection {
            if let connection, !connection.isClosed {
                return connection
            }
            do {
                let made = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
                    logger: logger
                ).wait()
                connection = made
                return made
            } catch {
                throw mapped(error)
            }
        }

        // MARK: - Errors

        /// A PostgreSQL or connection failure as a ``StoreError`` that says what to do.
        func mapped(_ error: any Error) -> StoreError {
            if let error = error as? StoreError {
                return error
            }
            guard let error = error as? PSQLError else {
                return unreachable(String(describing: error))
            }
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? String(describing: error.code)
            switch state {
            case "28P01", "28000":
                return StoreError(
                    .invalid,
                    "PostgreSQL refused the user '\(url.user)' at \(url) (\(message)). Put the right password in "
                        + "PGPASSWORD or ~/.pgpass, or check pg_hba.conf.")
            case "3D000":
                return StoreError(
                    .notFound,
                    "The database '\(url.database)' does not exist at \(url). Create it: createdb -O \(url.user) "
                        + "\(url.database)")
            case "23505":
                return StoreError(.conflict, "That already exists in \(url) (\(message)).")
            case "53100":
                return StoreError(.diskFull, "The PostgreSQL server of \(url) is out of disk space (\(message)).")
            case "42501":
                return StoreError(
                    .readOnly,
                    "The user '\(url.user)' may not change the tables at \(url) (\(message)). Grant it the "
                        + "database, or use the role that owns it.")
            case "":
                break
            default:
                return StoreError(.io, "The PostgreSQL database at \(url) failed: \(message) (SQLSTATE \(state)).")
            }
            switch error.code {
            case .authMechanismRequiresPassword:
                return StoreError(
                    .invalid,
                    "PostgreSQL at \(url) asks for a password for '\(url.user)': set PGPASSWORD or add a line to "
                        + "~/.pgpass (never put it in the URL).")
            case .sslUnsupported:
                return StoreError(
                    .io, "The PostgreSQL server at \(url) does not offer TLS, which sslmode=require asks for.")
            default:
                return unreachable(error.underlying.map { String(describing: $0) } ?? String(describing: error.code))
            }
        }

        func unreachable(_ detail: String) -> StoreError {
            StoreError(
                .io,
                "Coach cannot reach the PostgreSQL database at \(url) (\(detail)). Check that the server is running "
                    + "and accepts connections there; nothing unsaved was acknowledged.")
        }
    }
#endif
