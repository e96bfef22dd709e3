// The first-prompt floor for `coach run`: a Swift program that only sets the locale, opens libedit on the
// terminal and shows a prompt, then exits at the first line (or end of input). No Foundation, no playbooks.
import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

if setlocale(LC_CTYPE, "") == nil { setlocale(LC_CTYPE, "C.UTF-8") }
guard let editLine = coach_el_init_std("floor-libedit") else { exit(1) }
_ = coach_el_set_editor(editLine, "emacs")
_ = coach_el_set_signal(editLine, 1)
_ = coach_el_set_prompt_esc(editLine, { _ in UnsafeMutablePointer(mutating: floorPrompt) }, CChar(1))
var count: Int32 = 0
_ = el_gets(editLine, &count)
el_end(editLine)
