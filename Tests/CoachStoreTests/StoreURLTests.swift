import CoachStore
import Testing

@Suite("Store URLs and PostgreSQL passwords")
struct StoreURLTests {
    @Test("sqlite:PATH names a database file; ~ is the home folder")
    func sqlite() throws {
        #expect(try StoreURL(parsing: "sqlite:/var/lib/coach/team.sqlite") == .sqlite(path: "/var/lib/coach/team.sqlite"))
        #expect(try StoreURL(parsing: "sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try StoreURL(parsing: "sqlite:~/c.sqlite", environment: ["HOME": "/home/ana"]) == .sqlite(path: "/home/ana/c.sqlite"))
        #expect(throws: StoreError.self) { try StoreURL(parsing: "sqlite:") }
    }

    @Test("postgres:// with host, port, database, TLS mode and a Unix socket folder")
    func postgres() throws {
        let plain = try StoreURL(parsing: "postgres://coach@db.example:6543/coach?sslmode=require")
        #expect(plain == .postgres(.init(user: "coach", host: "db.example", port: 6543, database: "coach", tls: .require)))
        let defaults = try StoreURL(parsing: "postgresql://coach@localhost/coach")
        #expect(defaults == .postgres(.init(user: "coach", host: "localhost", port: 5432, database: "coach", tls: .prefer)))
        guard case .postgres(let socket) = try StoreURL(parsing: "postgres://coach@/coach_test?host=/tmp/pg&port=5491")
        else {
            Issue.record("not a PostgreSQL URL")
            return
        }
        #expect(socket.host == nil)
        #expect(socket.socketPath == "/tmp/pg/.s.PGSQL.5491")
        #expect(socket.description == "postgres://coach@/coach_test?host=/tmp/pg&port=5491")
    }

    @Test("a URL shown in a message is percent-encoded, so it can be given back to --store as it is")
    func shownURLReads() throws {
        let odd = StoreURL.postgres(
            .init(user: "ana maria", host: nil, socketFolder: "/run/my pg", port: 5433, database: "no db&x", tls: .disable))
        #expect(odd.description == "postgres://ana%20maria@/no%20db%26x?host=/run/my%20pg&port=5433&sslmode=disable")
        #expect(try StoreURL(parsing: odd.description) == odd)
        let host = StoreURL.postgres(.init(user: "coach", host: "db.example", port: 6543, database: "café", tls: .require))
        #expect(try StoreURL(parsing: host.description) == host)
    }

    @Test(
        "a URL Coach cannot use is refused with what to write instead",
        arguments: [
            "mysql://coach@db/coach", "postgres://@db/coach", "postgres://coach@db", "postgres://coach@db/",
            "postgres://coach@db:0/coach", "postgres://coach@db/coach?sslmode=sometimes",
            "postgres://coach@db/coach?application_name=x", "postgres://coach@/coach", "coach.sqlite",
        ])
    func refused(text: String) {
        let error = #expect(throws: StoreError.self) { try StoreURL(parsing: text) }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("Write sqlite:PATH or postgres://") == true)
    }

    @Test("a password in the URL is refused, and the message never repeats it")
    func passwordRefused() {
        let error = #expect(throws: StoreError.self) { try StoreURL(parsing: "postgres://coach:s3cret@db/coach") }
        #expect(error?.message.contains("PGPASSWORD") == true)
        #expect(error?.message.contains("s3cret") == false)
        let broken = #expect(throws: StoreError.self) { try StoreURL(parsing: "postgres://coach:s3cret@db:x/coach") }
        #expect(broken?.message.contains("s3cret") == false)
    }

    @Test("the password file: first matching line wins, * matches anything, \\: is a colon")
    func passwordFile() {
        let url = StoreURL.Postgres(user: "coach", host: "db.example", port: 5432, database: "coach")
        let text = """
            # comment
            other.example:5432:coach:coach:wrong
            db.example:*:coach:coach:pa\\:ss
            *:*:*:coach:later
            """
        #expect(PasswordFile.password(in: text, for: url) == "pa:ss")
        let socket = StoreURL.Postgres(user: "coach", host: nil, socketFolder: "/tmp", port: 5491, database: "x")
        #expect(PasswordFile.password(in: "localhost:5491:x:coach:sock", for: socket) == "sock")
        #expect(PasswordFile.password(in: "db.example:5432:coach:ana:nope", for: url) == nil)
        #expect(PasswordFile.password(for: url, environment: ["PGPASSWORD": "env", "PGPASSFILE": "/nonexistent"]) == "env")
        #expect(PasswordFile.password(for: url, environment: ["PGPASSFILE": "/nonexistent"]) == nil)
    }
}
