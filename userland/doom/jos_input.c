/* Keyboard input from Linux's event device, /dev/input/event0: every
 * tic, the waiting key events are read without blocking and posted to
 * the engine as key-down (press, auto-repeat) and key-up events. No
 * mouse, no joystick, no text input mode (the menus take keys). */
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "d_event.h"
#include "doomtype.h"
#include "i_input.h"
#include "i_joystick.h"
#include "i_system.h"
#include "i_video.h"
#include "jos_keymap.h"
#include "jos_platform.h"

float mouse_acceleration = 2.0f;
int mouse_threshold = 10;
unsigned int joywait = 0;

static int events = -2; /* -2: not opened yet; -1: there is none */
static boolean shift_down;

void JOS_InitInput(void)
{
	if (events != -2)
		return;
	events = open("/dev/input/event0", O_RDONLY | O_NONBLOCK);
	if (events < 0)
		printf("JOS_InitInput: no /dev/input/event0 (%s): no keyboard\n", strerror(errno));
	else
		printf("JOS_InitInput: keys from /dev/input/event0\n");
	fflush(stdout);
}

static void post_key(const struct input_event *e)
{
	event_t event;
	int key = jos_doom_key(e->code);

	if (e->code == KEY_LEFTSHIFT || e->code == KEY_RIGHTSHIFT)
		shift_down = e->value != 0;
	if (key == 0)
		return;
	memset(&event, 0, sizeof event);
	event.type = e->value ? ev_keydown : ev_keyup;
	event.data1 = key;
	if (e->value) {
		event.data2 = jos_key_char(e->code, false);
		if (event.data2 == 0)
			event.data2 = key;
		event.data3 = jos_key_char(e->code, shift_down);
	}
	D_PostEvent(&event);
}

void I_StartTic(void)
{
	struct input_event buffer[16];

	if (events == -2)
		JOS_InitInput();
	if (events < 0)
		return;
	for (;;) {
		ssize_t n = read(events, buffer, sizeof buffer);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (size_t i = 0; i < (size_t)n / sizeof buffer[0]; i++)
			if (buffer[i].type == EV_KEY)
				post_key(&buffer[i]);
	}
}

void I_BindInputVariables(void) {}
void I_ReadMouse(void) {}
void I_StartTextInput(int x1, int y1, int x2, int y2)
{
	(void)x1; (void)y1; (void)x2; (void)y2;
}
void I_StopTextInput(void) {}

void I_InitJoystick(void) {}
void I_ShutdownJoystick(void) {}
void I_UpdateJoystick(void) {}
void I_BindJoystickVariables(void) {}
