#ifndef COACH_SUPPORT_H
#define COACH_SUPPORT_H
int coach_support_version(void);
#endif
