import CoachCore
import CoachProtocol
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("places commas in nested objects and arrays")
    func commas() {
        var w = JSONWriter()
        w.beginObject()
        w.field("a", 1)
        w.key("b")
        w.beginArray()
        w.int(10)
        w.beginObject()
        w.endObject()
        w.string("x")
        w.endArray()
        w.field("c", nil as String?)
        w.field("d", true)
        w.key("e")
        w.null()
        w.endObject()
        #expect(w.text == #"{"a":1,"b":[10,{},"x"],"d":true,"e":null}"#)
    }

    @Test("escapes quotes, backslashes and control characters; writes other text as UTF-8")
    func escaping() {
        var w = JSONWriter()
        w.string("\"\\\n\r\t\u{8}\u{c}\u{0}\u{1f}/é😀\u{7f}")
        #expect(w.text == #""\"\\\n\r\t\b\f\u0000\u001f/é😀"# + "\u{7f}\"")
    }

    @Test("writes integers and echoes number text unchanged")
    func numbers() {
        var w = JSONWriter()
        w.beginArray()
        for i in [0, 7, 10, -3, Int.max, Int.min] { w.int(i) }
        w.number(text: "1.50e+3")
        w.endArray()
        #expect(w.text == "[0,7,10,-3,\(Int.max),\(Int.min),1.50e+3]")
    }
}
