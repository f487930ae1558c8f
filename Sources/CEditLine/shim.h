#ifndef DMUX_CEDITLINE_SHIM_H
#define DMUX_CEDITLINE_SHIM_H
// libedit for dmux: the readline-compatible API (editline's own header, never GNU readline's).
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
#endif
