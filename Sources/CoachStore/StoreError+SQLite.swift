import GRDB

extension StoreError {
    /// Maps any error thrown while using the database at `path` to a ``StoreError`` with advice.
    init(mapping error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self = .io(path: path, detail: String(describing: error))
            return
        }
        let detail = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            self = .readOnly(path: path, detail: detail)
        case .SQLITE_FULL:
            self = .diskFull(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self = .corrupt(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .locked(path: path)
        case .SQLITE_CANTOPEN:
            self = .cannotOpen(path: path, detail: detail)
        default:
            self = .io(path: path, detail: detail)
        }
    }
}
