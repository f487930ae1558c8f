#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include "CPosix.h"

int dmux_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int dmux_spawnattr_fresh_group(posix_spawnattr_t *attributes) {
    posix_spawnattr_setpgroup(attributes, 0);
    return dmux_spawnattr_fresh_signals(attributes, POSIX_SPAWN_SETPGROUP);
}

int dmux_spawnattr_fresh_signals(posix_spawnattr_t *attributes, short more_flags) {
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(attributes, &all);
    posix_spawnattr_setsigmask(attributes, &none);
    return posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | more_flags);
}
