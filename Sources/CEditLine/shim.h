#ifndef DMUX_CEDITLINE_SHIM_H
#define DMUX_CEDITLINE_SHIM_H
// libedit for dmux: the readline-compatible API (editline's own header, never GNU readline's).
#include <stdio.h>
#include <wchar.h>
#include <editline/readline.h>
#include <histedit.h>

// glibc declares wcwidth only under _XOPEN_SOURCE; the line editor needs it for column math.
int wcwidth(wchar_t c);
static inline int dmux_wcwidth(wchar_t c) { return wcwidth(c); }
#endif
