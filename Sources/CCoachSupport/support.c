#include "CCoachSupport.h"
int coach_support_version(void) { return 1; }
