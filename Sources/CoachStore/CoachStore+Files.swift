import Foundation

extension CoachStore {
    /// Creates `home` (0700) if needed, takes group and other access away, and creates the database file 0600.
    ///
    /// SQLite gives the `-wal` and `-shm` files the database file's mode, so creating it 0600 first covers them.
    /// - Returns: the database file's path.
    static func prepareHome(_ home: String) throws(StoreError) -> String {
        var folder = home
        while folder.count > 1 && folder.hasSuffix("/") {
            folder.removeLast()
        }
        return try prepare(folder + "/" + databaseFileName, folder: folder, restrictFolder: true)
    }

    /// Prepares the database file at `path` as ``prepareHome(_:)`` does, but leaves an existing folder's mode alone
    /// (the user named the file; the folder may be shared with other things).
    static func prepareFile(_ path: String) throws(StoreError) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + path
        }
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.index(before: absolute.endIndex) else {
            throw StoreError.cannotOpen(path: path, detail: "it names a folder, not a database file")
        }
        let folder = slash == absolute.startIndex ? "/" : String(absolute[..<slash])
        return try prepare(absolute, folder: folder, restrictFolder: false)
    }

    private static func prepare(_ path: String, folder: String, restrictFolder: Bool) throws(StoreError) -> String {
        let made = makeDirectory(folder, mode: 0o700)
        if made != 0 {
            throw fileError(errno: made, path: path, doing: "cannot create the folder \(folder)")
        }
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw fileError(errno: errno, path: path, doing: "cannot read the folder \(folder)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw StoreError.cannotOpen(path: path, detail: "\(folder) exists but is not a folder")
        }
        if restrictFolder && info.st_mode & 0o077 != 0 {
            // Take away group and other access; never grant the owner more than they chose. Best effort: a folder
            // we do not own stays as it is.
            _ = chmod(folder, info.st_mode & 0o700)
        }
        var fileInfo = stat()
        if stat(path, &fileInfo) == 0 {
            // Never open and close an existing database file ourselves: closing any descriptor on it would drop
            // the POSIX locks that this process's SQLite connections hold on it.
            if fileInfo.st_mode & 0o177 != 0 {
                _ = chmod(path, fileInfo.st_mode & 0o600)
            }
            guard access(path, R_OK | W_OK) == 0 else {
                throw fileError(errno: errno, path: path, doing: "cannot write the database file")
            }
        } else {
            let descriptor = openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 || errno == EEXIST else {
                throw fileError(errno: errno, path: path, doing: "cannot create the database file")
            }
            if descriptor >= 0 {
                _ = fchmod(descriptor, 0o600)
                close(descriptor)
            }
        }
        // WAL needs to create `-wal` and `-shm` files next to the database.
        guard access(folder, W_OK) == 0 else {
            throw fileError(errno: errno, path: path, doing: "cannot write in \(folder)")
        }
        return path
    }

    /// Takes group and other access away from the `-wal` and `-shm` files, in case an older run left them wider.
    static func restrictSidecarFiles(of path: String) {
        for suffix in ["-wal", "-shm"] {
            var info = stat()
            if stat(path + suffix, &info) == 0 && info.st_mode & 0o177 != 0 {
                _ = chmod(path + suffix, info.st_mode & 0o600)
            }
        }
    }

    /// Runs `body` holding an exclusive `flock` on `coach.lock` in `folder`, so that only one process (or store)
    /// at a time opens a connection and migrates the schema; waits up to `timeout` seconds for it.
    static func withOpeningLock<T>(
        folder: String, path: String, timeout: Double, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let lockPath = folder + "/" + lockFileName
        let descriptor = openFile(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw fileError(errno: errno, path: path, doing: "cannot create \(lockPath)")
        }
        defer { close(descriptor) }
        let deadline = now() + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                throw fileError(errno: failure, path: path, doing: "cannot lock \(lockPath)")
            }
            guard now() < deadline else {
                throw StoreError.locked(path: path)
            }
            usleep(5_000)
        }
        return try body()
    }

    /// `mkdir -p` whose last folder gets `mode` (parents get 0755); returns 0 or an errno.
    static func makeDirectory(_ path: String, mode: mode_t) -> Int32 {
        if mkdir(path, mode) == 0 {
            return 0
        }
        let failure = errno
        if failure == EEXIST {
            return 0
        }
        guard failure == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
            return failure
        }
        let parent = makeDirectory(String(path[..<slash]), mode: 0o755)
        if parent != 0 {
            return parent
        }
        return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : errno
    }

    static func fileError(errno code: Int32, path: String, doing: String) -> StoreError {
        let detail = "\(doing): \(String(cString: strerror(code)))"
        switch code {
        case EACCES, EPERM, EROFS:
            return .readOnly(path: path, detail: detail)
        case ENOSPC, EDQUOT:
            return .diskFull(path: path)
        default:
            return .cannotOpen(path: path, detail: detail)
        }
    }
}

/// The C `open`, which a static `open` on ``CoachStore`` would otherwise hide.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
