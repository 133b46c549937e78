/* Linux key codes (evdev) -> the engine's keys (doomkeys.h) and the
 * characters keys type on a US layout. The two headers share names
 * (KEY_ENTER, KEY_F1, ...) with different values: Linux's are kept under
 * L_ names before doomkeys.h defines its own. */
#include <linux/input-event-codes.h>

enum linux_key {
	L_BACKSPACE = KEY_BACKSPACE,
	L_CAPSLOCK = KEY_CAPSLOCK,
	L_DELETE = KEY_DELETE,
	L_DOWN = KEY_DOWN,
	L_END = KEY_END,
	L_ENTER = KEY_ENTER,
	L_ESC = KEY_ESC,
	L_F1 = KEY_F1,
	L_F10 = KEY_F10,
	L_F11 = KEY_F11,
	L_F12 = KEY_F12,
	L_HOME = KEY_HOME,
	L_INSERT = KEY_INSERT,
	L_KP0 = KEY_KP0,
	L_KP1 = KEY_KP1,
	L_KP2 = KEY_KP2,
	L_KP3 = KEY_KP3,
	L_KP4 = KEY_KP4,
	L_KP5 = KEY_KP5,
	L_KP6 = KEY_KP6,
	L_KP7 = KEY_KP7,
	L_KP8 = KEY_KP8,
	L_KP9 = KEY_KP9,
	L_KPASTERISK = KEY_KPASTERISK,
	L_KPDOT = KEY_KPDOT,
	L_KPENTER = KEY_KPENTER,
	L_KPMINUS = KEY_KPMINUS,
	L_KPPLUS = KEY_KPPLUS,
	L_KPSLASH = KEY_KPSLASH,
	L_LEFT = KEY_LEFT,
	L_LEFTALT = KEY_LEFTALT,
	L_LEFTCTRL = KEY_LEFTCTRL,
	L_LEFTSHIFT = KEY_LEFTSHIFT,
	L_NUMLOCK = KEY_NUMLOCK,
	L_PAGEDOWN = KEY_PAGEDOWN,
	L_PAGEUP = KEY_PAGEUP,
	L_PAUSE = KEY_PAUSE,
	L_RIGHT = KEY_RIGHT,
	L_RIGHTALT = KEY_RIGHTALT,
	L_RIGHTCTRL = KEY_RIGHTCTRL,
	L_RIGHTSHIFT = KEY_RIGHTSHIFT,
	L_SCROLLLOCK = KEY_SCROLLLOCK,
	L_SPACE = KEY_SPACE,
	L_SYSRQ = KEY_SYSRQ,
	L_TAB = KEY_TAB,
	L_UP = KEY_UP
};

#undef KEY_ENTER
#undef KEY_TAB
#undef KEY_BACKSPACE
#undef KEY_PAUSE
#undef KEY_MINUS
#undef KEY_CAPSLOCK
#undef KEY_NUMLOCK
#undef KEY_HOME
#undef KEY_END
#undef KEY_F1
#undef KEY_F2
#undef KEY_F3
#undef KEY_F4
#undef KEY_F5
#undef KEY_F6
#undef KEY_F7
#undef KEY_F8
#undef KEY_F9
#undef KEY_F10
#undef KEY_F11
#undef KEY_F12

#include "doomkeys.h"
#include "jos_keymap.h"

/* Linux key code -> the character it types, unshifted and shifted (US). */
static const char plain[] = "\0\0331234567890-=\0\0qwertyuiop[]\0\0asdfghjkl;'`\0\\zxcvbnm,./";
static const char shifted[] = "\0\033!@#$%^&*()_+\0\0QWERTYUIOP{}\0\0ASDFGHJKL:\"~\0|ZXCVBNM<>?";

/* The engine's key for a Linux key code (doomkeys.h), 0 for none. */
int jos_doom_key(int code)
{
	switch (code) {
	case L_ESC: return KEY_ESCAPE;
	case L_ENTER: case L_KPENTER: return KEY_ENTER;
	case L_TAB: return KEY_TAB;
	case L_BACKSPACE: return KEY_BACKSPACE;
	case L_SPACE: return ' ';
	case L_UP: return KEY_UPARROW;
	case L_DOWN: return KEY_DOWNARROW;
	case L_LEFT: return KEY_LEFTARROW;
	case L_RIGHT: return KEY_RIGHTARROW;
	case L_LEFTCTRL: case L_RIGHTCTRL: return KEY_RCTRL;
	case L_LEFTSHIFT: case L_RIGHTSHIFT: return KEY_RSHIFT;
	case L_LEFTALT: case L_RIGHTALT: return KEY_RALT;
	case L_CAPSLOCK: return KEY_CAPSLOCK;
	case L_NUMLOCK: return KEY_NUMLOCK;
	case L_SCROLLLOCK: return KEY_SCRLCK;
	case L_SYSRQ: return KEY_PRTSCR;
	case L_PAUSE: return KEY_PAUSE;
	case L_HOME: return KEY_HOME;
	case L_END: return KEY_END;
	case L_PAGEUP: return KEY_PGUP;
	case L_PAGEDOWN: return KEY_PGDN;
	case L_INSERT: return KEY_INS;
	case L_DELETE: return KEY_DEL;
	case L_F11: return KEY_F11;
	case L_F12: return KEY_F12;
	case L_KP0: return KEYP_0;
	case L_KP1: return KEYP_1;
	case L_KP2: return KEYP_2;
	case L_KP3: return KEYP_3;
	case L_KP4: return KEYP_4;
	case L_KP5: return KEYP_5;
	case L_KP6: return KEYP_6;
	case L_KP7: return KEYP_7;
	case L_KP8: return KEYP_8;
	case L_KP9: return KEYP_9;
	case L_KPSLASH: return KEYP_DIVIDE;
	case L_KPPLUS: return KEYP_PLUS;
	case L_KPMINUS: return KEYP_MINUS;
	case L_KPASTERISK: return KEYP_MULTIPLY;
	case L_KPDOT: return KEYP_PERIOD;
	}
	if (code >= L_F1 && code <= L_F10)
		return KEY_F1 + (code - L_F1);
	if (code > 0 && code < (int)sizeof plain - 1 && plain[code] > ' ')
		return plain[code];
	return 0;
}

int jos_key_char(int code, boolean shift)
{
	if (code == L_SPACE)
		return ' ';
	if (code <= 0 || code >= (int)sizeof plain - 1 || plain[code] <= ' ')
		return 0;
	return shift ? shifted[code] : plain[code];
}
