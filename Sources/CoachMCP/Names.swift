import CoachCore
import MCP

/// Both CoachCore and the MCP SDK have a `Value` and a `Prompt`: in this module the names mean the MCP value and
/// the engine's prompt; the others are spelt `CoachCore.Value` and `MCP.Prompt`.
typealias Value = MCP.Value
typealias Prompt = CoachCore.Prompt

extension Tool.Content {
    /// Plain text content.
    static func plain(_ text: String) -> Tool.Content {
        .text(text: text, annotations: nil, _meta: nil)
    }
}
