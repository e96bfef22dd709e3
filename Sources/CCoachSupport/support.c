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
