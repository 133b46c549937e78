/* Linux key codes -> the engine's keys (jos_keymap.c). */
#ifndef JOS_KEYMAP_H
#define JOS_KEYMAP_H
#include "doomtype.h"

/* The engine's key for Linux key code `code`, 0 when it has none. */
int jos_doom_key(int code);
/* The character the key types (shifted or not), 0 when none. */
int jos_key_char(int code, boolean shift);
#endif
