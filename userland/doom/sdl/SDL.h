/* Headers of the engine (i_input.h, i_joystick.h) include SDL.h for types
 * that only the SDL platform files use; JOS's platform layer needs none. */
#ifndef JOS_SDL_H
#define JOS_SDL_H
#include "SDL_stdinc.h"
typedef union SDL_Event SDL_Event;
#endif
