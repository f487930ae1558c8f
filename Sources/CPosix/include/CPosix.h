#ifndef DMUX_CPOSIX_H
#define DMUX_CPOSIX_H
// POSIX calls that Swift's Glibc module does not expose (they need _GNU_SOURCE).
#include <spawn.h>

/// Closes every descriptor from `lowest` up in the spawned child (glibc 2.34+), so a child
/// inherits only what the caller hands it on purpose.
int dmux_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowest);

/// Sets up a spawned child with every signal at its default disposition, an empty signal mask and
/// a process group of its own, whatever the spawning thread ignores or blocks (a child that
/// inherits a blocked SIGTERM cannot be stopped politely).
int dmux_spawnattr_fresh_group(posix_spawnattr_t *attributes);

/// The same clean signals, in the caller's process group (plus `more_flags`): a child that takes
/// over the terminal in the foreground (`machine ssh NAME`, an interactive login).
int dmux_spawnattr_fresh_signals(posix_spawnattr_t *attributes, short more_flags);

#endif
