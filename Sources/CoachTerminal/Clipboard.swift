import Foundation

/// Copies text to the system clipboard through the terminal, with the OSC 52 escape sequence.
public enum Clipboard {
    /// The escape sequence that asks the terminal to put `text` on the clipboard (base64 keeps it inert).
    public static func osc52(_ text: String) -> String {
        let payload = Data(text.utf8).base64EncodedString()
        return "\u{1B}]52;c;\(payload)\u{7}"
    }
}
