#ifndef COACH_CLIBEDIT_SHIM_H
#define COACH_CLIBEDIT_SHIM_H
#include <histedit.h>
#endif
