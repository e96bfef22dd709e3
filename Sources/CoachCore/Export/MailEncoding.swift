/// The encodings an `.eml` file needs: quoted-printable bodies (RFC 2045) and encoded words in headers (RFC 2047).
enum MailEncoding {
    /// `text` as quoted-printable with CRLF line ends; no encoded line is longer than 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { quotedPrintableLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var bytes = bytes
        if bytes.last == 0x0D {
            bytes.removeLast()
        }
        var out = ""
        var length = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            // Leave room for the soft break `=`; the last piece of a line may use the 76th column.
            let limit = isLast ? 76 : 75
            if length + piece.count > limit {
                out += "=\r\n"
                length = 0
            }
            out += piece
            length += piece.count
        }
        return out
    }

    /// A header value: as it is when ASCII, else as RFC 2047 `=?utf-8?B?...?=` words of at most 75 characters.
    ///
    /// `label` is the header name, to keep the first line within 78 characters.
    static func headerValue(_ value: String, label: String) -> String {
        let value = value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return fold(value, first: label.count + 2)
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            // 39 bytes of UTF-8 are 52 base64 characters: with `=?utf-8?B?` and `?=` a word is 64 long, so the
            // first line (`Subject: ` and a word) stays within 78.
            if chunk.count + bytes.count > 39 && !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty {
            words.append(encodedWord(chunk))
        }
        return words.joined(separator: "\r\n ")
    }

    /// An address header: each `Name <address>` keeps its address readable and encodes a non-ASCII name.
    static func addressValue(_ value: String, label: String) -> String {
        let parts = value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        let encoded = parts.map { part -> String in
            guard !part.utf8.allSatisfy({ $0 < 0x80 }), let open = part.lastIndex(of: "<") else { return part }
            let name = String(part[..<open]).trimmingWhitespace()
            let address = String(part[open...])
            return headerValue(name, label: label) + "\r\n " + address
        }
        return encoded.joined(separator: ",\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?" + base64(bytes) + "?="
    }

    /// Folds an ASCII header value at spaces so that lines stay within 78 characters where possible.
    private static func fold(_ value: String, first used: Int) -> String {
        var lines: [String] = []
        var line: String?
        var width = used
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            guard let current = line else {
                line = String(word)
                continue
            }
            if !current.isEmpty && width + current.count + 1 + word.count > 78 {
                lines.append(current)
                line = String(word)
                width = 1
            } else {
                line = current + " " + word
            }
        }
        lines.append(line ?? "")
        return lines.joined(separator: "\r\n ")
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(table[b0 >> 2])
            out.append(table[((b0 & 0x03) << 4) | (b1 >> 4)])
            out.append(index + 1 < bytes.count ? table[((b1 & 0x0F) << 2) | (b2 >> 6)] : "=")
            out.append(index + 2 < bytes.count ? table[b2 & 0x3F] : "=")
            index += 3
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
