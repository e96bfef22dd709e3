/// An error from the Coach store: what went wrong, and what the user can do about it.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The broad category of a store error.
    public enum Kind: String, Equatable, Sendable {
        /// The database or its folder cannot be written (permissions or a read-only disk).
        case readOnly
        /// The disk (or the database's size limit) is full.
        case diskFull
        /// The database file is damaged or is not an SQLite database.
        case corrupt
        /// Another process held the database locked for longer than the busy timeout.
        case locked
        /// The session or account does not exist.
        case notFound
        /// A session id prefix matches more than one session.
        case ambiguous
        /// Any other input/output or SQLite failure.
        case io
        /// The database was written by a newer Coach that this build does not understand.
        case newerSchema
        /// The value already exists (a session id or an account name is taken).
        case conflict
        /// The input is not acceptable (an empty account name, an empty session id).
        case invalid
        /// The session changed elsewhere since the change was made against it; nothing was saved.
        case stale
        /// A shared database cannot be reached just now (stopped, restarting, the network down); nothing was saved.
        /// Coach reconnects by itself: the same request can be sent again.
        case unavailable
    }

    /// The category of the error.
    public var kind: Kind
    /// A sentence for the user: what happened and what to do next.
    public var message: String

    /// Creates an error of `kind` with a user-facing `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The user-facing message.
    public var description: String { message }
}

extension StoreError {
    public static func readOnly(path: String, detail: String? = nil) -> StoreError {
        let why = detail.map { " (\($0))" } ?? ""
        return StoreError(
            .readOnly,
            "Coach cannot write to its database at \(path)\(why): the disk is read-only or the permissions "
                + "forbid it. Make the folder writable (chmod 700 on it), or set COACH_HOME to a writable folder."
        )
    }

    public static func diskFull(path: String) -> StoreError {
        StoreError(
            .diskFull,
            "The disk holding the Coach database at \(path) is full, so the last change was not saved. "
                + "Free some disk space and try again."
        )
    }

    public static func corrupt(path: String) -> StoreError {
        StoreError(
            .corrupt,
            "The Coach database at \(path) is not a valid database (it may be damaged). "
                + "Move it aside and Coach will start a fresh one: mv \(path) \(path).broken"
        )
    }

    public static func locked(path: String) -> StoreError {
        StoreError(
            .locked,
            "The Coach database at \(path) is busy: another Coach process kept it locked for too long. "
                + "Close other Coach sessions and try again."
        )
    }

    public static func newerSchema(path: String, version: String) -> StoreError {
        StoreError(
            .newerSchema,
            "The Coach database at \(path) was written by a newer version of Coach (schema \(version)). "
                + "Update Coach, or move the database aside to start a fresh one: mv \(path) \(path).newer"
        )
    }

    public static func io(path: String, detail: String) -> StoreError {
        StoreError(
            .io,
            "Coach could not read or write its database at \(path) (\(detail)). "
                + "Check the disk and the folder's permissions, then try again."
        )
    }

    public static func cannotOpen(path: String, detail: String) -> StoreError {
        StoreError(
            .io,
            "Coach cannot open its database at \(path) (\(detail)). Check that the folder exists and that you can "
                + "write to it, or set COACH_HOME to another folder."
        )
    }

    /// Session `id` changed elsewhere (another process) since version `seq` was read.
    public static func stale(_ id: String) -> StoreError {
        StoreError(
            .stale, "Session \(id) was changed elsewhere since it was read; nothing was saved. Read it again and retry.")
    }

    public static func sessionNotFound(_ id: String) -> StoreError {
        StoreError(.notFound, "There is no session '\(id)'. List the sessions to see their ids.")
    }

    /// Another account already has the name an account was to be renamed to (`name` as that account spells it).
    public static func accountExists(_ name: String) -> StoreError {
        StoreError(.conflict, "An account named '\(name)' already exists. Forget it first or choose another name.")
    }

    public static func accountNotFound(_ name: String) -> StoreError {
        StoreError(.notFound, "There is no account named '\(name)'. List the accounts to see their names.")
    }
}
