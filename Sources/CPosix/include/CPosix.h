#ifndef DMUX_CPOSIX_H
#define DMUX_CPOSIX_H
// POSIX calls that Swift's Glibc module does not expose (they need _GNU_SOURCE), and the few
// that must run in C (before the Swift runtime, or with a signal blocked on this thread).
#include <spawn.h>
#include <sys/types.h>
#include <termios.h>

/// Closes every descriptor from `lowest` up in the spawned child (glibc 2.34+), so a child
/// inherits only what the caller hands it on purpose.
int dmux_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowest);

/// Sets up a spawned child with every signal at its default disposition, an empty signal mask and
/// a process group of its own, whatever the spawning thread ignores or blocks (a child that
/// inherits a blocked SIGTERM cannot be stopped politely).
int dmux_spawnattr_fresh_group(posix_spawnattr_t *attributes);

/// The descriptors that were open when the process started (taken by a constructor before any
/// Swift code runs), in `*descriptors`; returns how many.
int dmux_inherited_descriptors(const int **descriptors);

/// `tcsetpgrp` and `tcsetattr` with SIGTTOU blocked on the calling thread, so that a process
/// outside the foreground group can take its terminal back without being stopped.
int dmux_tcsetpgrp_quietly(int fd, pid_t group);
int dmux_tcsetattr_quietly(int fd, const struct termios *attributes);

/// The `<sys/wait.h>` macros, which Swift cannot import.
int dmux_wait_status_exited(int status);
int dmux_wait_status_exit_code(int status);
int dmux_wait_status_signalled(int status);
int dmux_wait_status_signal(int status);
int dmux_wait_status_stopped(int status);
int dmux_wait_status_stop_signal(int status);

/// Starts `file` (looked up in PATH) with `argv` and `envp`: its stdin, stdout and stderr are the
/// given descriptors (-1: /dev/null; 0, 1, 2 as themselves: dmux's own, inherited), it gets no
/// other descriptor, every signal at its default with an empty mask, and a process group of its
/// own when `own_group` (else dmux's, to take the terminal in the foreground). Returns
/// posix_spawn's status.
int dmux_spawn(pid_t *pid, const char *file, char *const argv[], char *const envp[],
               int stdin_fd, int stdout_fd, int stderr_fd, int own_group);

#endif
