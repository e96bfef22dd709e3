// A tiny driver for pseudo-terminal tests of `LineEditor`: reads lines until Ctrl-D and reports each result.
//
// History lives in `$COACH_HOME/history`; Tab completes over a fixed word list; `LINEDEMO_PREFILL` prefills every
// line. Output: `got:<line>`, `interrupted` or `eof`.
import CoachTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let words = ["account", "accounting", "acme", "budget", "北京", "renewal", "risk"]
let home = getenv("COACH_HOME").map { String(cString: $0) }
let prefill = getenv("LINEDEMO_PREFILL").map { String(cString: $0) }
let editor = LineEditor(historyFile: home.map { $0 + "/history" }) { before in
    let word = String(before.reversed().prefix { !$0.isWhitespace }.reversed())
    return words.filter { $0.hasPrefix(word) }
}
let style = TerminalText.Style(colorEnabled: true)

loop: while true {
    switch editor.readLine(prompt: style.green("demo>") + " ", prefill: prefill) {
    case .line(let line):
        editor.addHistory(line)
        print("got:" + TerminalText.neutralize(line))
    case .interrupted:
        print("interrupted")
    case .endOfInput:
        print("eof")
        break loop
    }
}
