/* Doom's entry point on JOS: keep the arguments where the engine looks
 * for them (myargc/myargv, a private copy it may rewrite), expand a
 * response file, then run the game. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "m_argv.h"
#include "m_misc.h"

/* The game's main loop (doom/d_main.c); it never returns. */
void D_DoomMain(void);

int main(int argc, char **argv)
{
	myargc = argc;
	myargv = malloc(sizeof(char *) * (size_t)(argc + 1));
	if (myargv == NULL) {
		fputs("doom: out of memory for the arguments\n", stderr);
		return 1;
	}
	for (int i = 0; i < argc; i++)
		myargv[i] = M_StringDuplicate(argv[i]);
	myargv[argc] = NULL;

	if (M_ParmExists("-version") || M_ParmExists("--version")) {
		puts(PACKAGE_STRING " (JOS platform layer)");
		return 0;
	}
	M_FindResponseFile();
	M_SetExeDir();
	D_DoomMain();
	return 0;
}
