/* The event device interface (/dev/input/eventN): Linux's struct
 * input_event, its event types and ioctls. The key codes are in
 * <linux/input-event-codes.h>. */
#ifndef _LINUX_INPUT_H
#define _LINUX_INPUT_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <linux/input-event-codes.h>

/* The time stamp is two longs, not a struct timeval: JOS's time_t is 64
 * bits on riscv32 too, while the kernel's event keeps 32-bit seconds
 * there (as Linux's header does for time64 programs). */
struct input_event {
	unsigned long __sec;
	unsigned long __usec;
	uint16_t type;
	uint16_t code;
	int32_t value;
};

#define input_event_sec __sec
#define input_event_usec __usec

struct input_id {
	uint16_t bustype, vendor, product, version;
};

#define EV_VERSION 0x010001

#define _EVIOC(dir, nr, size) (((unsigned long)(dir) << 30) | ((unsigned long)(size) << 16) | (0x45UL << 8) | (nr))
#define EVIOCGVERSION _EVIOC(2, 0x01, sizeof(int))
#define EVIOCGID _EVIOC(2, 0x02, sizeof(struct input_id))
#define EVIOCGNAME(len) _EVIOC(2, 0x06, len)
#define EVIOCGKEY(len) _EVIOC(2, 0x18, len)
#define EVIOCGBIT(ev, len) _EVIOC(2, 0x20 + (ev), len)
#define EVIOCGRAB _EVIOC(1, 0x90, sizeof(int))

#endif
