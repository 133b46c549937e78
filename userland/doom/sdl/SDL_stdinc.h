/* The few SDL standard-library wrappers the engine's common files call,
 * mapped onto JOS's C library. */
#ifndef JOS_SDL_STDINC_H
#define JOS_SDL_STDINC_H
#include <stdlib.h>
#include "SDL_endian.h"
#define SDL_qsort qsort
#define SDL_free free
/* No character-set conversion on JOS: callers treat NULL as failure. */
#define SDL_iconv_string(to, from, text, length) ((char *)0)
#endif
