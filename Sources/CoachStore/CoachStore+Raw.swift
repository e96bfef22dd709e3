import Foundation
import GRDB
import GRDBSQLite

/// A value bound to a statement run through SQLite's C API (``CoachStore/run(_:_:_:)``).
enum RawValue {
    case text(String?)
    case blob(Data)
    case int(Int)
    case double(Double)
}

extension CoachStore {
    /// Runs `statement` (a cached statement of `db`) once with `values` bound, through SQLite's C API; returns the
    /// first column of the first row as an integer, if the statement returns a row.
    ///
    /// For the few statements of every saved answer: GRDB's `execute(arguments:)` and `fetchOne` cost more than
    /// SQLite's own work for them (arguments boxed as existentials, per-statement observation bookkeeping).
    /// Failures are GRDB's `DatabaseError`, so ``StoreError`` maps them as it maps every other failure.
    static func run(_ statement: Statement, _ values: [RawValue], _ db: Database) throws -> Int? {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(var text?):
                // With its length: a NUL inside the text is kept, and "" stays an empty text, not NULL.
                code = text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite3_bind_text(raw, index, "", 0, transient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(raw, index, $0, Int32(bytes.count), transient)
                    }
                }
            case .text(nil):
                code = sqlite3_bind_null(raw, index)
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return sqlite3_bind_zeroblob(raw, index, 0) }
                    return sqlite3_bind_blob(raw, index, base, Int32(bytes.count), transient)
                }
            case .int(let int):
                code = sqlite3_bind_int64(raw, index, Int64(int))
            case .double(let double):
                code = sqlite3_bind_double(raw, index, double)
            }
            guard code == SQLITE_OK else { throw failure(code, statement, db) }
        }
        let code = sqlite3_step(raw)
        defer { sqlite3_reset(raw) }
        switch code {
        case SQLITE_DONE: return nil
        case SQLITE_ROW: return Int(sqlite3_column_int64(raw, 0))
        default: throw failure(code, statement, db)
        }
    }

    private static func failure(_ code: Int32, _ statement: Statement, _ db: Database) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
