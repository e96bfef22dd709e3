import CCoachSupport
import CLibEdit

extension LineEditor {
    /// How Tab changes the line: characters to delete before the cursor, text to insert, candidates to list.
    struct CompletionEdit: Equatable {
        /// Characters (Unicode scalars, as libedit counts them) to delete before the cursor.
        var deleteCount = 0
        /// Text to insert at the cursor.
        var insert = ""
        /// Candidates to show under the line (empty when one match was completed).
        var listing: [String] = []
    }

    /// Decides the edit for `candidates` of the word before the cursor; one match also gets a trailing space.
    static func completionEdit(lineBeforeCursor: String, candidates: [String]) -> CompletionEdit {
        var seen = Set<String>()
        let unique = candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
        let word = String(lineBeforeCursor.reversed().prefix { !$0.isWhitespace }.reversed())
        guard let first = unique.first else { return CompletionEdit() }
        if unique.count == 1 {
            if first.hasPrefix(word) {
                return CompletionEdit(insert: String(first.dropFirst(word.count)) + " ")
            }
            return CompletionEdit(deleteCount: word.unicodeScalars.count, insert: first + " ")
        }
        var common = Array(first)
        for candidate in unique.dropFirst() {
            let shared = zip(common, candidate).prefix { $0 == $1 }.count
            common.removeLast(common.count - shared)
        }
        var edit = CompletionEdit(listing: unique)
        let prefix = String(common)
        if common.count > word.count && prefix.hasPrefix(word) {
            edit.insert = String(prefix.dropFirst(word.count))
        } else if common.count >= word.count && prefix.lowercased().hasPrefix(word.lowercased()) && prefix != word {
            // Typed in another case ("nor" for "Nordwind …"): the shared start replaces the word.
            edit.deleteCount = word.unicodeScalars.count
            edit.insert = prefix
        }
        return edit
    }

    /// Runs the completer for the line before the cursor and applies the edit; returns a libedit CC_ code.
    /// On an empty line with a default, Tab puts the default in the line to edit.
    func complete(_ editLine: OpaquePointer) -> UInt8 {
        if let offer = request.offer, !offer.isEmpty, !offer.contains("\n"), Self.wholeLine(editLine).isEmpty {
            _ = el_insertstr(editLine, Self.sanitizedPrefill(offer))
            return UInt8(CC_REFRESH)
        }
        guard let completer else { return UInt8(CC_REFRESH_BEEP) }
        let before = Self.lineBeforeCursor(editLine)
        let edit = Self.completionEdit(lineBeforeCursor: before, candidates: completer(before))
        if edit.deleteCount > 0 {
            el_deletestr(editLine, Int32(edit.deleteCount))
        }
        if !edit.insert.isEmpty {
            _ = el_insertstr(editLine, edit.insert)
        }
        if !edit.listing.isEmpty {
            let width = Int(coach_terminal_columns(1))
            coach_stdout_write("\n" + Self.columns(edit.listing, width: width > 0 ? width : 80) + "\n")
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(edit.insert.isEmpty && edit.deleteCount == 0 ? CC_REFRESH_BEEP : CC_REFRESH)
    }

    /// Lays out `items` in columns that fit `width`, row by row.
    static func columns(_ items: [String], width: Int) -> String {
        let shown = items.map { TerminalText.neutralize($0) }
        let columnWidth = (shown.map { TerminalText.displayWidth($0) }.max() ?? 0) + 2
        let perRow = max(1, width / max(1, columnWidth))
        var lines: [String] = []
        var index = 0
        while index < shown.count {
            let row = shown[index..<min(index + perRow, shown.count)]
            var line = ""
            for (offset, item) in row.enumerated() {
                line += item
                if offset < row.count - 1 {
                    line += String(repeating: " ", count: columnWidth - TerminalText.displayWidth(item))
                }
            }
            lines.append(line)
            index += perRow
        }
        return lines.joined(separator: "\n")
    }

    /// The whole line being edited.
    static func wholeLine(_ editLine: OpaquePointer) -> String {
        guard let info = el_line(editLine) else { return "" }
        let buffer = UnsafeRawPointer(info.pointee.buffer!)
        let count = UnsafeRawPointer(info.pointee.lastchar!) - buffer
        let bytes = UnsafeRawBufferPointer(start: buffer, count: max(0, count))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func lineBeforeCursor(_ editLine: OpaquePointer) -> String {
        guard let info = el_line(editLine) else { return "" }
        let buffer = UnsafeRawPointer(info.pointee.buffer!)
        let count = UnsafeRawPointer(info.pointee.cursor!) - buffer
        let bytes = UnsafeRawBufferPointer(start: buffer, count: max(0, count))
        return String(decoding: bytes, as: UTF8.self)
    }
}
