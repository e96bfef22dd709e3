import CoachCore
import CoachShell

extension ProtocolServer {
    /// The methods about the connection itself, in the order the documentation gives them.
    static let serverMethods: [any ProtocolMethod.Type] = [Methods.Initialize.self, Methods.Ping.self, Methods.Shutdown.self]
}

extension Methods {
    /// `initialize {protocolVersion, clientInfo: {name, version?}}`: the first request; the result carries the version
    /// the server really speaks, `serverInfo` and `capabilities`.
    public enum Initialize: ProtocolMethod {
        public static let name = "initialize"
        public static let worksBeforeInitialize = true

        public struct Params: MethodParams, Equatable {
            public var protocolVersion: Int
            public var clientName: String
            public var clientVersion: String?

            public init(protocolVersion: Int, clientName: String, clientVersion: String? = nil) {
                self.protocolVersion = protocolVersion
                self.clientName = clientName
                self.clientVersion = clientVersion
            }

            public init(fields f: JSONFields) throws(JSONDecodingError) {
                protocolVersion = try f.int("protocolVersion")
                let client = try f.object("clientInfo")
                clientName = try client.string("name")
                clientVersion = try client.optionalString("version")
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("protocolVersion", protocolVersion)
                w.key("clientInfo")
                w.beginObject()
                w.field("name", clientName)
                w.field("version", clientVersion)
                w.endObject()
                w.endObject()
            }
        }

        public struct Result: MethodResult, Equatable {
            public var protocolVersion: Int
            public var serverVersion: String
            public var methods: [String]
            public var maxLineBytes: Int
            /// The kind of store sessions are saved in: `sqlite`, `postgres`, or `memory` when they are not saved.
            public var persistence: String

            public init(protocolVersion: Int, serverVersion: String, methods: [String], maxLineBytes: Int, persistence: String) {
                self.protocolVersion = protocolVersion
                self.serverVersion = serverVersion
                self.methods = methods
                self.maxLineBytes = maxLineBytes
                self.persistence = persistence
            }

            public func write(to w: inout JSONWriter) {
                w.beginObject()
                w.field("protocolVersion", protocolVersion)
                w.key("serverInfo")
                w.beginObject()
                w.field("name", "coach")
                w.field("version", serverVersion)
                w.endObject()
                w.key("capabilities")
                w.beginObject()
                w.field("methods", methods)
                w.field("batch", true)
                w.field("draftReview", true)
                w.field("maxLineBytes", maxLineBytes)
                w.field("persistence", persistence)
                w.endObject()
                w.endObject()
            }
        }

        public static func handle(_ params: Params, on server: inout ProtocolServer) throws(ProtocolError) -> Result {
            if server.initialized { throw ProtocolError(.alreadyInitialized, "The server is already initialized") }
            server.initialized = true
            server.log.log(
                .info,
                "initialized by \(params.clientName) (protocol \(params.protocolVersion); this server speaks \(ProtocolServer.protocolVersion))"
            )
            return Result(
                protocolVersion: ProtocolServer.protocolVersion, serverVersion: CoachVersion.current, methods: ProtocolServer.methods,
                maxLineBytes: ProtocolServer.maxLineBytes, persistence: server.service.persistence)
        }
    }
}

extension Methods {
    /// `ping`: answers `{}`, before `initialize` too.
    public enum Ping: ProtocolMethod {
        public static let name = "ping"
        public static let worksBeforeInitialize = true

        public static func handle(_ params: NoParams, on server: inout ProtocolServer) -> EmptyResult { EmptyResult() }
    }
}

extension Methods {
    /// `shutdown`: answers `{}`; the server stops once the reply is written.
    public enum Shutdown: ProtocolMethod {
        public static let name = "shutdown"

        public static func handle(_ params: NoParams, on server: inout ProtocolServer) -> EmptyResult {
            server.stopping = true
            return EmptyResult()
        }
    }
}
