// The floor for protocol_bench.py: reads lines from stdin with read(2) and answers each with one fixed JSON-RPC
// reply through write(2). No parsing, no engine: what a round trip through two pipes costs on this machine.
// Built by the benchmark with `swiftc -O benchmarks/floor_responder.swift -o .build/floor-responder`.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

signal(SIGPIPE, SIG_IGN)
let reply = Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n".utf8)
var buffer = [UInt8](repeating: 0, count: 65_536)
loop: while true {
    let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { break }
    for i in 0..<n where buffer[i] == 0x0A {
        let written = reply.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if written < 0 { break loop }
    }
}
