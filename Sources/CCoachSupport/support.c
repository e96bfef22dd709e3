#define _GNU_SOURCE
#include "CCoachSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t sigint_flag = 0;

static void coach_sigint_handler(int signo) {
    (void)signo;
    sigint_flag = 1;
}

int coach_sigint_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = coach_sigint_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read() returns EINTR so el_gets gives up the line */
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int coach_sigint_pending(void) { return sigint_flag != 0; }

void coach_sigint_clear(void) { sigint_flag = 0; }

static int is_plain_c(const char *name) {
    return name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

const char *coach_locale_setup(void) {
    const char *name = setlocale(LC_CTYPE, "");
    if (is_plain_c(name)) {
        const char *utf8 = setlocale(LC_CTYPE, "C.UTF-8");
        if (utf8 != NULL) name = utf8;
    }
    if (name == NULL) name = setlocale(LC_CTYPE, NULL);
    return name;
}

int coach_isatty(int fd) { return isatty(fd); }

int coach_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

void coach_stdout_write(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

int coach_errno(void) { return errno; }

int coach_input_pending(int fd) {
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) return 0;
    return count;
}

/* Bracketed paste: the terminal marks pasted text with ESC[200~ ... ESC[201~ while mode 2004 is on. It is turned
 * off again whenever Coach gives the terminal back: at exit, on Ctrl-Z (and on again after fg), and when a fatal
 * signal ends the process, so the shell never receives the markers as text. */
static volatile sig_atomic_t paste_on = 0;
static int paste_handlers_installed = 0;
static const char paste_on_seq[] = "\033[?2004h";
static const char paste_off_seq[] = "\033[?2004l";

static void paste_write_off(void) {
    if (paste_on) {
        ssize_t ignored = write(STDOUT_FILENO, paste_off_seq, sizeof paste_off_seq - 1);
        (void)ignored;
        paste_on = 0;
    }
}

static void paste_at_exit(void) { paste_write_off(); }

static const int paste_fatal_signals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
#define PASTE_FATAL_COUNT (sizeof paste_fatal_signals / sizeof paste_fatal_signals[0])
static struct sigaction paste_previous[PASTE_FATAL_COUNT];

/* Turns paste off, then hands the signal to whoever had it before (the default, or Swift's backtracer). */
static void paste_fatal_handler(int signo) {
    paste_write_off();
    for (size_t i = 0; i < PASTE_FATAL_COUNT; i++) {
        if (paste_fatal_signals[i] == signo) {
            sigaction(signo, &paste_previous[i], NULL);
            break;
        }
    }
    raise(signo);
}

static void paste_stop_handler(int signo) {
    int was_on = paste_on;
    paste_write_off();
    struct sigaction dfl, mine;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, &mine);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signo);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signo); /* stops here until fg */
    sigaction(signo, &mine, NULL);
    if (was_on) {
        ssize_t ignored = write(STDOUT_FILENO, paste_on_seq, sizeof paste_on_seq - 1);
        (void)ignored;
        paste_on = 1;
    }
}

void coach_paste_enable(void) {
    if (!paste_handlers_installed) {
        paste_handlers_installed = 1;
        atexit(paste_at_exit);
        for (size_t i = 0; i < PASTE_FATAL_COUNT; i++) {
            struct sigaction old;
            if (sigaction(paste_fatal_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
            paste_previous[i] = old;
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = paste_fatal_handler;
            sigemptyset(&sa.sa_mask);
            sigaction(paste_fatal_signals[i], &sa, NULL);
        }
        struct sigaction stop;
        memset(&stop, 0, sizeof stop);
        stop.sa_handler = paste_stop_handler;
        sigemptyset(&stop.sa_mask);
        sigaction(SIGTSTP, &stop, NULL);
    }
    fputs(paste_on_seq, stdout);
    fflush(stdout);
    paste_on = 1;
}

void coach_paste_disable(void) {
    fflush(stdout);
    paste_write_off();
}

int coach_paste_is_on(void) { return paste_on != 0; }

int coach_pty_spawn(
    const char *path, char *const argv[], char *const envp[], unsigned short rows, unsigned short cols,
    int *master_fd, pid_t *child_pid) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    char slave_name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_name, sizeof slave_name) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    (void)ioctl(master, TIOCSWINSZ, &ws);

    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        /* Child: only async-signal-safe calls from here on (the parent may be multi-threaded). */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        for (int sig = 1; sig < NSIG; sig++) (void)sigaction(sig, &dfl, NULL);
        sigset_t none;
        sigemptyset(&none);
        (void)sigprocmask(SIG_SETMASK, &none, NULL);

        if (setsid() < 0) _exit(126);
        int slave = open(slave_name, O_RDWR);
        if (slave < 0) _exit(126);
        (void)ioctl(slave, TIOCSCTTY, 0);
        if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) _exit(126);
        if (slave > 2) close(slave);
        execve(path, argv, envp);
        _exit(127);
    }
    *master_fd = master;
    *child_pid = pid;
    return 0;
}
