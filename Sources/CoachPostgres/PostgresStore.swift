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
        /// Guards `connection` and the reconnection state: one request at a time uses it (the service is synchronous).
        private let lock = NSLock()
        private var connection: PostgresConnection?
        /// Connection attempts that failed in a row since the database was last reached.
        private var failedAttempts = 0
        /// Before this time (``CoachStore/now()``) no new connection is tried: a request fails at once instead.
        private var nextAttempt: Double = 0
        /// Why the last connection attempt failed, given again to the requests that fail during its backoff.
        private var lastFailure: StoreError?
        /// Whether ``open(_:environment:clock:)`` has returned this store: until then a failure stops the command
        /// that opens it, after it the store reconnects by itself.
        private var opened = false

        /// `postgres`.
        public var persistence: String { "postgres" }

        /// A fleet's database: when it fails, the request is refused rather than carried on in memory.
        public var isShared: Bool { true }

        /// The wait before the next connection attempt after `failures` failed ones in a row: 0.25 s, doubling up to
        /// 4 s, so a database that comes back is used again within seconds and one that stays down is not hammered.
        static func backoff(afterFailures failures: Int) -> Double {
            min(0.25 * Double(1 << min(max(failures - 1, 0), 4)), 4)
        }

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
            configuration.options.connectTimeout = deadline
            let store = PostgresStore(url: url, configuration: configuration, clock: clock)
            try store.migrate()
            store.opened = true
            return store
        }

        // MARK: - The one blocking adapter

        /// How long connecting, or any one statement, may wait for the server. Past it the connection is closed and
        /// the request is refused as `unavailable`: a server that stopped answering (stopped, partitioned away, or
        /// behind a lock that is never released) costs a request seconds, not the minutes TCP takes to give up.
        static let deadline: TimeAmount = .seconds(10)

        /// The server gave no answer within ``deadline``.
        struct DeadlinePassed: Error {}

        /// Waits for `future`, but no longer than ``deadline``: past it `expired` runs (to close the connection)
        /// and this throws ``DeadlinePassed``, whatever the future does later.
        static func wait<T: Sendable>(
            _ future: EventLoopFuture<T>, expired: @escaping @Sendable () -> Void
        ) throws -> T {
            let loop = future.eventLoop
            let bounded = loop.makePromise(of: T.self)
            let timer = loop.scheduleTask(in: deadline) {
                bounded.fail(DeadlinePassed())
                expired()
            }
            future.whenComplete { result in
                timer.cancel()
                bounded.completeWith(result)
            }
            return try bounded.futureResult.wait()
        }

        /// One connection in use: queries run on it one after another, each waited for.
        struct Link {
            let connection: PostgresConnection
            let store: PostgresStore

            /// Runs `query` and waits for all its rows.
            @discardableResult
            func run(_ query: PostgresQuery) throws(StoreError) -> PostgresQueryResult {
                do {
                    let connection = connection
                    return try PostgresStore.wait(connection.query(query, logger: store.logger)) {
                        let _: EventLoopFuture<Void> = connection.close()
                    }
                } catch {
                    throw store.mapped(error)
                }
            }

            /// Whether the connection can still take a statement after `error`: not once it is closed or lost, nor
            /// after a statement went unanswered (a ROLLBACK would only wait as long again).
            func isUsable(after error: StoreError) -> Bool {
                !connection.isClosed && error.kind != .unavailable
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
                if !link.isUsable(after: error) {
                    // Closed, or silent past the deadline: the next request connects afresh (after the backoff).
                    let _: EventLoopFuture<Void> = link.connection.close()
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
                    if link.isUsable(after: error) {
                        _ = try? link.run("ROLLBACK")
                    }
                    throw error
                }
                try link.run("COMMIT")
                return value
            }
        }

        /// The open connection, or a new one. After a failed attempt the next one waits for its backoff: a request
        /// meanwhile fails at once as `unavailable`, and the first request after it tries again.
        private func connected() throws(StoreError) -> PostgresConnection {
            if let connection, !connection.isClosed {
                return connection
            }
            connection = nil
            let now = CoachStore.now()
            if failedAttempts > 0 && now < nextAttempt {
                throw lastFailure ?? unreachable("the next attempt is in \(Self.seconds(nextAttempt - now))")
            }
            do {
                // A server that accepts the connection but never answers it is given up on at the deadline too.
                let attempt = PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
                    logger: logger)
                let made = try Self.wait(attempt) {
                    attempt.whenSuccess { let _: EventLoopFuture<Void> = $0.close() }
                }
                connection = made
                failedAttempts = 0
                return made
            } catch {
                let failure = mapped(error)
                if failure.kind == .unavailable {
                    failedAttempts += 1
                    nextAttempt = CoachStore.now() + Self.backoff(afterFailures: failedAttempts)
                    lastFailure = failure
                }
                throw failure
            }
        }

        private static func seconds(_ value: Double) -> String {
            value < 1 ? "\(Int((value * 1000).rounded())) ms" : "\(Int(value.rounded())) s"
        }

        // MARK: - Errors

        /// A PostgreSQL or connection failure as a ``StoreError`` that says what to do.
        func mapped(_ error: any Error) -> StoreError {
            if let error = error as? StoreError {
                return error
            }
            if error is DeadlinePassed {
                return unreachable(
                    "no answer within \(Self.deadline.nanoseconds / 1_000_000_000) s: the server may be stopped or "
                        + "overloaded, or a lock another session holds may be blocking it")
            }
            guard let error = error as? PSQLError else {
                return unreachable(Self.reason(error))
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
                    "The database '\(url.database)' does not exist at \(url). Create it, as a role that may create "
                        + "databases: \(Self.createCommand(for: url))")
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
            case let state where state.hasPrefix("08") || state.hasPrefix("57P"):
                // A connection exception, or the server shutting down or starting up (57P01-57P03).
                return unreachable(message)
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
                    .io,
                    "The PostgreSQL server at \(url) does not offer TLS, which sslmode=require asks for. Turn TLS on "
                        + "in the server (ssl = on in postgresql.conf), or leave sslmode=require out of the URL only on "
                        + "a network you trust.")
            default:
                return unreachable(error.underlying.map(Self.reason) ?? String(describing: error.code))
            }
        }

        /// Why a connection failed, in the system's words ("connection refused", "no such file or directory")
        /// rather than NIO's nested description of every attempt.
        static func reason(_ error: any Error) -> String {
            if let failure = error as? NIOConnectionError {
                if let dns = failure.dnsAError ?? failure.dnsAAAAError {
                    return "the host name '\(failure.host)' could not be resolved: \(dns)"
                }
                if let first = failure.connectionErrors.first {
                    return reason(first.error)
                }
            }
            if let io = error as? IOError {
                return String(cString: strerror(io.errnoCode)).lowercased()
            }
            if let channel = error as? ChannelError, case .connectTimeout(let limit) = channel {
                return "no answer within \(limit.nanoseconds / 1_000_000_000) s"
            }
            return String(describing: error)
        }

        /// The command that creates the database `url` names, owned by its user, on the server it names:
        /// `createdb -h HOST -p PORT -O USER DATABASE` (the host is the socket folder when the URL gives one).
        static func createCommand(for url: StoreURL.Postgres) -> String {
            let host = url.socketFolder ?? url.host ?? "localhost"
            return ["createdb", "-h", host, "-p", String(url.port), "-O", url.user, url.database].map(shellWord)
                .joined(separator: " ")
        }

        /// `word` as one word for a POSIX shell: as it is when it holds only safe characters, else single-quoted.
        static func shellWord(_ word: String) -> String {
            let safe = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:@%+=,".contains($0)) }
            return safe ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }

        func unreachable(_ detail: String) -> StoreError {
            guard opened else {
                return StoreError(
                    .unavailable,
                    "Coach cannot reach the PostgreSQL database at \(url) (\(detail)). Check that the server is "
                        + "running and accepts connections there, then run the command again.")
            }
            return StoreError(
                .unavailable,
                "Coach cannot reach the PostgreSQL database at \(url) (\(detail)), so nothing was saved. Check that "
                    + "the server is running and accepts connections there; Coach reconnects by itself when it is back.")
        }
    }
#endif
