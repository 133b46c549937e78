/* What the JOS platform layer's files call in each other. */
#ifndef JOS_PLATFORM_H
#define JOS_PLATFORM_H

/* Opens /dev/input/event0 (once): keys reach the game from then on. */
void JOS_InitInput(void);

#endif
