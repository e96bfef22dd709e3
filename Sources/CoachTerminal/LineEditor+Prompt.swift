extension LineEditor {
    /// Brackets every escape sequence of `prompt` with the ignore marker so libedit does not count it as width.
    static func markInvisible(_ prompt: String) -> String {
        let marker = promptIgnoreMarker.unicodeScalars.first!
        let scalars = Array(prompt.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == marker {
                index += 1
                continue
            }
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                index += 1
                continue
            }
            let end = escapeSequenceEnd(scalars, start: index)
            out.append(marker)
            out.append(contentsOf: scalars[index..<end])
            out.append(marker)
            index = end
        }
        return String(out)
    }

    /// Returns the index just past the escape sequence that starts at `start` (CSI, OSC or a two-character escape).
    private static func escapeSequenceEnd(_ scalars: [Unicode.Scalar], start: Int) -> Int {
        var index = start + 1
        guard index < scalars.count else { return index }
        switch scalars[index] {
        case "[":
            index += 1
            while index < scalars.count {
                let value = scalars[index].value
                index += 1
                if (0x40...0x7E).contains(value) { break }
            }
            return index
        case "]":
            index += 1
            while index < scalars.count {
                if scalars[index] == "\u{7}" { return index + 1 }
                if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "\\" {
                    return index + 2
                }
                index += 1
            }
            return index
        default:
            return index + 1
        }
    }

    /// The prefill text with control characters (which would act as editing keys) replaced by spaces.
    static func sanitizedPrefill(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
