import Foundation

/// A y/N question on the terminal; refuses without one (scripts pass --yes).
enum Confirm {
    /// Asks `question`; throws unless the answer is yes. Without a terminal, throws a message about --yes.
    static func ask(_ question: String) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CoachFailure("\(question) There is no terminal to ask on: add --yes to confirm.")
        }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else {
            throw CoachFailure("nothing was changed.")
        }
    }
}
