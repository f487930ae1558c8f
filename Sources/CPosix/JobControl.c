#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "CPosix.h"

int dmux_tcsetpgrp_quietly(int fd, pid_t group) {
    // A process outside the terminal's foreground group that calls tcsetpgrp gets SIGTTOU unless
    // it blocks it (POSIX tcsetpgrp; Linux checks the calling thread's mask): dmux takes the
    // terminal back while a child holds it, so it must not stop itself doing so.
    sigset_t ttou, saved;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    pthread_sigmask(SIG_BLOCK, &ttou, &saved);
    int result = tcsetpgrp(fd, group);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return result;
}

int dmux_tcsetattr_quietly(int fd, const struct termios *attributes) {
    sigset_t ttou, saved;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    pthread_sigmask(SIG_BLOCK, &ttou, &saved);
    int result = tcsetattr(fd, TCSADRAIN, attributes);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return result;
}

int dmux_wait_status_exited(int status) { return WIFEXITED(status); }
int dmux_wait_status_exit_code(int status) { return WEXITSTATUS(status); }
int dmux_wait_status_signalled(int status) { return WIFSIGNALED(status); }
int dmux_wait_status_signal(int status) { return WTERMSIG(status); }
int dmux_wait_status_stopped(int status) { return WIFSTOPPED(status); }
int dmux_wait_status_stop_signal(int status) { return WSTOPSIG(status); }
