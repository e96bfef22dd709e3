#ifndef COACH_SUPPORT_H
#define COACH_SUPPORT_H

#include <sys/types.h>

/*
 * Small C helpers Swift cannot express well: a SIGINT flag, locale set-up, terminal queries and a
 * pseudo-terminal spawner for tests. Mutable state lives in support.c, never in this header.
 */

/** Installs a SIGINT handler (sigaction, sa_flags = 0, so blocking reads fail with EINTR) and unblocks SIGINT. */
int coach_sigint_install(void);
/** 1 when SIGINT arrived since the last coach_sigint_clear(). */
int coach_sigint_pending(void);
/** Forgets any SIGINT seen so far. */
void coach_sigint_clear(void);

/** setlocale(LC_CTYPE, ""), falling back to C.UTF-8 when that yields C or POSIX; returns the locale in force. */
const char *coach_locale_setup(void);

/** 1 when `fd` is a terminal. */
int coach_isatty(int fd);
/** Columns of the terminal on `fd`, or 0 when unknown. */
int coach_terminal_columns(int fd);

/** Writes `text` to stdout through stdio (the stream libedit uses) and flushes it. */
void coach_stdout_write(const char *text);

/** The bytes typed on `fd` and not read yet (0 when none or unknown); count them with the terminal in raw mode. */
int coach_input_pending(int fd);

/** The errno value of the calling thread (Swift's access to errno is awkward). */
int coach_errno(void);

/**
 * Turns bracketed paste on (writes ESC[?2004h to stdout). The first call also arranges for it to be turned off
 * at exit, on Ctrl-Z (on again after fg) and when a fatal signal ends the process.
 */
void coach_paste_enable(void);
/** Turns bracketed paste off (ESC[?2004l) if it is on. */
void coach_paste_disable(void);
/** 1 while bracketed paste is on. */
int coach_paste_is_on(void);

/**
 * Starts `path` with `argv` and `envp` on a new pseudo-terminal of `rows` x `cols` as its controlling terminal,
 * in a new session, with an empty signal mask and default signal dispositions. On success returns 0 and sets
 * `*master_fd` (close-on-exec) and `*child_pid`; on failure returns -1 with errno set.
 */
int coach_pty_spawn(
    const char *path, char *const argv[], char *const envp[], unsigned short rows, unsigned short cols,
    int *master_fd, pid_t *child_pid);

#endif
