// A tiny driver for pseudo-terminal tests of `LineEditor`: reads lines until Ctrl-D and reports each result.
//
// History lives in `$COACH_HOME/history`; Tab completes over a fixed word list; `LINEDEMO_PREFILL` prefills every
// line; `LINEDEMO_OFFER` is every line's default (Up, Tab); `LINEDEMO_PASTE=block` returns a pasted block whole
// (else it is joined into the line with `LINEDEMO_JOIN`, a space by default).
// Output: `got:<line>`, `paste:<lines joined by |>`, `interrupted` or `eof`.
import CoachTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

let words = ["account", "accounting", "acme", "budget", "北京", "renewal", "risk"]
let home = environment("COACH_HOME")
let editor = LineEditor(historyFile: home.map { $0 + "/history" }) { before in
    let word = String(before.reversed().prefix { !$0.isWhitespace }.reversed())
    return words.filter { $0.hasPrefix(word) }
}
let style = TerminalText.Style(colorEnabled: true)
let paste: LineRequest.Paste = environment("LINEDEMO_PASTE") == "block" ? .block : .join(environment("LINEDEMO_JOIN") ?? " ")
let request = LineRequest(
    prompt: style.green("demo>") + " ", text: environment("LINEDEMO_PREFILL"), offer: environment("LINEDEMO_OFFER"),
    paste: paste)

loop: while true {
    switch editor.readLine(request) {
    case .line(let line):
        editor.addHistory(line)
        print("got:" + TerminalText.neutralize(line))
    case .paste(let block):
        print(
            "paste:"
                + block.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.neutralize(String($0)) }.joined(
                    separator: "|"))
    case .interrupted:
        print("interrupted")
    case .endOfInput:
        print("eof")
        break loop
    }
}
