#define _GNU_SOURCE
#include <spawn.h>
#include "CPosix.h"

int dmux_spawn_closefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
