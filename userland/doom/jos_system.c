/* The engine's system services on JOS: the zone heap, fatal errors, the
 * exit path (with the functions registered by I_AtExit), banners. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "doomtype.h"
#include "i_system.h"
#include "m_argv.h"
#include "m_misc.h"

/* The zone is 8 MiB unless -mb says otherwise: enough for Freedoom's
 * levels, and it leaves room on a 32 MiB esp32c3 board. */
#define DEFAULT_ZONE_MIB 8
#define MIN_ZONE_MIB 2

struct exit_function {
	atexit_func_t function;
	boolean run_on_error;
	struct exit_function *next;
};

static struct exit_function *exit_functions;

void I_AtExit(atexit_func_t function, boolean run_on_error)
{
	struct exit_function *entry = malloc(sizeof *entry);

	if (entry == NULL)
		return;
	entry->function = function;
	entry->run_on_error = run_on_error;
	entry->next = exit_functions;
	exit_functions = entry;
}

/* Runs the registered functions, newest first, each once. */
static void run_exit_functions(boolean error)
{
	while (exit_functions != NULL) {
		struct exit_function *entry = exit_functions;

		exit_functions = entry->next;
		if (!error || entry->run_on_error)
			entry->function();
		free(entry);
	}
}

byte *I_ZoneBase(int *size)
{
	int mib = DEFAULT_ZONE_MIB;
	int p = M_CheckParmWithArgs("-mb", 1);
	byte *zone = NULL;

	if (p > 0)
		mib = atoi(myargv[p + 1]);
	for (; mib >= MIN_ZONE_MIB && zone == NULL; mib--) {
		zone = malloc((size_t)mib * 1024 * 1024);
		if (zone != NULL)
			*size = mib * 1024 * 1024;
	}
	if (zone == NULL)
		I_Error("I_ZoneBase: no memory for a %d MiB zone", MIN_ZONE_MIB);
	printf("zone memory: %d MiB\n", *size / (1024 * 1024));
	return zone;
}

boolean I_ConsoleStdout(void)
{
	return isatty(STDOUT_FILENO);
}

void I_Tactile(int on, int off, int total)
{
	(void)on;
	(void)off;
	(void)total;
}

void *I_Realloc(void *ptr, size_t size)
{
	void *bigger = realloc(ptr, size);

	if (bigger == NULL && size != 0)
		I_Error("I_Realloc: failed on reallocation of %zu bytes", size);
	return bigger;
}

/* Vanilla Doom read a missing sector's heights through a null pointer, so
 * a demo that depends on it sees what lies at address 0 of a DOS machine:
 * the first two real-mode interrupt vectors, as MS-DOS 6.22 leaves them. */
boolean I_GetMemoryValue(unsigned int offset, void *value, int size)
{
	static const unsigned char dos_low_memory[8] = { 0x57, 0x92, 0x19, 0x00, 0xf4, 0x06, 0x70, 0x00 };

	if (size < 1 || offset + (unsigned)size > sizeof dos_low_memory)
		return false;
	memcpy(value, dos_low_memory + offset, (size_t)size);
	return true;
}

void I_PrintDivider(void)
{
	for (int i = 0; i < 75; i++)
		putchar('=');
	putchar('\n');
}

void I_PrintBanner(const char *text)
{
	int indent = 35 - (int)strlen(text) / 2;

	for (int i = 0; i < indent; i++)
		putchar(' ');
	puts(text);
}

void I_PrintStartupBanner(const char *description)
{
	I_PrintDivider();
	I_PrintBanner(description);
	I_PrintDivider();
	printf(" " PACKAGE_NAME " is free software, covered by the GNU General Public\n"
	       " License; there is NO warranty. See the COPYING file of its sources.\n"
	       " This build runs on JOS through its fbdev/evdev platform layer.\n");
	I_PrintDivider();
}

void I_Quit(void)
{
	run_exit_functions(false);
	fflush(stdout);
	exit(0);
}

void I_Error(const char *format, ...)
{
	static int already;
	va_list args;

	if (already++) {
		fputs("I_Error: an error while reporting an error\n", stderr);
		_exit(255);
	}
	fflush(stdout);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputs("\n\n", stderr);
	fflush(stderr);
	run_exit_functions(true);
	exit(255);
}
