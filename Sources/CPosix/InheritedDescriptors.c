#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include "CPosix.h"

enum { capacity = 4096 };
static int inherited[capacity];
static int inheritedCount = -1;

/// Runs before the Swift runtime and before any Swift code: every descriptor open now was handed
/// over by the parent. Later, every number dmux itself opened (NIO's epoll and eventfds, engine
/// sockets, pipes) would look the same, so `fd://N` may only name a number in this list.
__attribute__((constructor)) static void dmux_snapshot_inherited(void) {
    inheritedCount = 0;
    DIR *directory = opendir("/proc/self/fd");
    if (directory) {
        int own = dirfd(directory);
        struct dirent *entry;
        while ((entry = readdir(directory)) != NULL && inheritedCount < capacity) {
            if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
            int fd = atoi(entry->d_name);
            if (fd != own) inherited[inheritedCount++] = fd;
        }
        closedir(directory);
        return;
    }
    // Without /proc, ask each number up to a bound (the soft limit can be a million).
    struct rlimit limit;
    int highest = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? (int)limit.rlim_cur : 65536;
    for (int fd = 0; fd < highest && inheritedCount < capacity; fd++) {
        if (fcntl(fd, F_GETFD) != -1) inherited[inheritedCount++] = fd;
    }
}

int dmux_inherited_descriptors(const int **descriptors) {
    *descriptors = inherited;
    return inheritedCount < 0 ? 0 : inheritedCount;
}
