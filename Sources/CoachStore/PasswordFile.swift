import Foundation

/// Where a PostgreSQL password comes from: `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`),
/// read as libpq reads it. The password is never part of a store URL, so it stays out of command lines and logs.
public enum PasswordFile {
    /// The password for `url`, or nil when none is set (the server may not ask for one).
    public static func password(for url: StoreURL.Postgres, environment: [String: String]) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty {
            return password
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.pgpass"
        var info = stat()
        // Like libpq, ignore a file that others can read.
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        return password(in: text, for: url)
    }

    /// The password of the first line of a password file's `text` that matches `url`
    /// (`host:port:database:user:password`, `*` matching anything; a socket connection matches `localhost`).
    public static func password(in text: String, for url: StoreURL.Postgres) -> String? {
        let host = url.host ?? "localhost"
        let wanted = [host, String(url.port), url.database, url.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field == "*" || field == value }
            if matches {
                return fields[4]
            }
        }
        return nil
    }

    /// The fields of a line, split at `:` with `\:` and `\\` read as themselves.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
