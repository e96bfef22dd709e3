/// Where Coach keeps its data (`$COACH_HOME`): the history file of the REPL and, later, the session database.
public enum DataFolder {
    /// `--home`, else `COACH_HOME`, else `$XDG_DATA_HOME/coach`, else `~/.local/share/coach`.
    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let home = environment["COACH_HOME"], !home.isEmpty { return home }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/coach" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/coach"
    }

    /// The REPL history file inside `folder`.
    public static func historyFile(in folder: String) -> String {
        folder.hasSuffix("/") ? folder + "history" : folder + "/history"
    }
}
