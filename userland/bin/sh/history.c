/* sh: the history of interactive lines, for up/down in the editor and
 * the `history` built-in. The last HISTORY_MAX lines are kept; a line
 * equal to the one before it, or blank, is not added again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define HISTORY_MAX 500

static char *lines[HISTORY_MAX];
static int count;    /* lines kept */
static int numbered; /* lines ever added: the number of the newest */
static int browse;   /* while editing: the index shown (count = the draft) */
static char draft[SH_MAX_LINE];

void history_add(const char *line)
{
	if (!line[strspn(line, " \t")])
		return;
	if (count > 0 && strcmp(lines[count - 1], line) == 0)
		return;
	char *copy = strdup(line);

	if (!copy)
		return;
	if (count == HISTORY_MAX) {
		free(lines[0]);
		memmove(lines, lines + 1, (HISTORY_MAX - 1) * sizeof *lines);
		count--;
	}
	lines[count++] = copy;
	numbered++;
}

void history_start(void)
{
	browse = count;
}

/* One step back (-1) or forward (+1); the line to show, or NULL at the
 * ends. The line being typed is kept as the draft below the newest. */
const char *history_step(int direction, const char *current)
{
	int to = browse + direction;

	if (to < 0 || to > count)
		return NULL;
	if (browse == count)
		snprintf(draft, sizeof draft, "%s", current);
	browse = to;
	return browse == count ? draft : lines[browse];
}

int history_print(void)
{
	for (int i = 0; i < count; i++)
		printf("%5d  %s\n", numbered - count + i + 1, lines[i]);
	return 0;
}
