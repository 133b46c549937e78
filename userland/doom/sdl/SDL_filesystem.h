/* No per-user preference directory on JOS: the engine falls back to the
 * current directory for its configuration and saves. */
#ifndef JOS_SDL_FILESYSTEM_H
#define JOS_SDL_FILESYSTEM_H
#include "SDL_stdinc.h"
#define SDL_GetPrefPath(org, app) ((char *)0)
#endif
