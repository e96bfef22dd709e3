#ifndef COACH_CLIBEDIT_SHIM_H
#define COACH_CLIBEDIT_SHIM_H

/*
 * Non-variadic wrappers around libedit's variadic calls (el_set, el_get, history), which Swift cannot call.
 * Keep this header free of mutable state: `static` variables here would be duplicated in every Swift object
 * file that imports the module. Mutable C state lives in the CCoachSupport target.
 */

#include <histedit.h>
#include <stdio.h>

/** The prompt callback type accepted by EL_PROMPT / EL_PROMPT_ESC. */
typedef char *(*coach_el_prompt_fn)(EditLine *);
/** The user function type accepted by EL_ADDFN. */
typedef unsigned char (*coach_el_user_fn)(EditLine *, int);

/** el_init on the process's standard streams (Swift 6 cannot touch the C `stdin`/`stdout` globals). */
static inline EditLine *coach_el_init_std(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

static inline int coach_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int coach_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int coach_el_set_unbuffered(EditLine *el, int on) { return el_set(el, EL_UNBUFFERED, on); }
/** Puts the terminal in (on = 1) or out of (on = 0) libedit's raw editing mode now. */
static inline int coach_el_set_prep_term(EditLine *el, int on) { return el_set(el, EL_PREP_TERM, on); }
static inline int coach_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

/** Prompt with `ignore` marking the start and end of invisible sequences (ANSI colours). */
static inline int coach_el_set_prompt_esc(EditLine *el, coach_el_prompt_fn fn, char ignore) {
    return el_set(el, EL_PROMPT_ESC, fn, (int)ignore);
}

static inline int coach_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

static inline int coach_el_addfn(EditLine *el, const char *name, const char *help, coach_el_user_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/** Binds a key sequence (in `bind` notation, e.g. "^R" or "\\e[H") to a named editor function. */
static inline int coach_el_bind(EditLine *el, const char *keys, const char *function) {
    return el_set(el, EL_BIND, keys, function, (const char *)NULL);
}

/** Redraws the prompt (asking the prompt function again) and the line now. */
static inline int coach_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

static inline void *coach_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int coach_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int coach_history_setunique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
static inline int coach_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
/** The number of the newest history event, or -1 when the history is empty. */
static inline int coach_history_newest(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) < 0) return -1;
    return ev.num;
}
/** Deletes the history event numbered `num`. */
static inline int coach_history_delete(History *h, int num) {
    HistEvent ev;
    return history(h, &ev, H_DEL, num);
}
/** The text of the newest history event (moving the history's own cursor there), or NULL when empty. */
static inline const char *coach_history_first_text(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) < 0) return NULL;
    return ev.str;
}
/** The text of the next older history event after coach_history_first_text or this, or NULL at the oldest. */
static inline const char *coach_history_next_text(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_NEXT) < 0) return NULL;
    return ev.str;
}
static inline int coach_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int coach_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

#endif
