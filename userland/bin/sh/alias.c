/* sh: aliases. `alias NAME=VALUE...` defines, `alias NAME...` prints
 * NAME='VALUE' (quoted as `set` quotes), `alias` alone prints them all,
 * sorted by name; `unalias NAME...` and `unalias -a` remove them. The
 * parser (parse.c) replaces a command's name that is an alias by its
 * value, when the command is parsed: an alias defined on a line applies
 * from the next line on, as in dash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct alias {
	char *name;
	char *value;
	struct alias *next; /* sorted by name */
};

static struct alias *aliases;

const char *alias_get(const char *name, size_t len)
{
	for (struct alias *a = aliases; a; a = a->next)
		if (strlen(a->name) == len && strncmp(a->name, name, len) == 0)
			return a->value;
	return NULL;
}

static int alias_set(const char *name, size_t len, const char *value)
{
	char *key = strndup(name, len), *copy = strdup(value);
	struct alias **link = &aliases;

	while (key && *link && strcmp((*link)->name, key) < 0)
		link = &(*link)->next;
	if (key && copy && *link && strcmp((*link)->name, key) == 0) {
		free(key);
		free((*link)->value);
		(*link)->value = copy;
		return 0;
	}
	struct alias *a = key && copy ? calloc(1, sizeof *a) : NULL;

	if (!a) {
		free(key);
		free(copy);
		return -1;
	}
	a->name = key;
	a->value = copy;
	a->next = *link;
	*link = a;
	return 0;
}

static void print_alias(const struct alias *a)
{
	printf("%s=", a->name);
	print_quoted(a->value);
	putchar('\n');
}

int builtin_alias(char **argv)
{
	int status = 0;

	if (!argv[1]) {
		for (struct alias *a = aliases; a; a = a->next)
			print_alias(a);
		return 0;
	}
	for (int i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');

		if (eq && eq > argv[i]) {
			if (alias_set(argv[i], eq - argv[i], eq + 1) < 0) {
				fprintf(stderr, "sh: alias: out of memory\n");
				return 1;
			}
			continue;
		}
		struct alias *a = aliases;

		while (a && strcmp(a->name, argv[i]) != 0)
			a = a->next;
		if (a) {
			print_alias(a);
		} else {
			fprintf(stderr, "sh: alias: %s not found\n", argv[i]);
			status = 1;
		}
	}
	return status;
}

static void drop(struct alias **link)
{
	struct alias *a = *link;

	*link = a->next;
	free(a->name);
	free(a->value);
	free(a);
}

int builtin_unalias(char **argv)
{
	int status = 0;

	if (argv[1] && strcmp(argv[1], "-a") == 0) {
		while (aliases)
			drop(&aliases);
		return 0;
	}
	if (!argv[1]) {
		fprintf(stderr, "sh: unalias: usage: unalias [-a] NAME...\n");
		return 2;
	}
	for (int i = 1; argv[i]; i++) {
		struct alias **link = &aliases;

		while (*link && strcmp((*link)->name, argv[i]) != 0)
			link = &(*link)->next;
		if (*link) {
			drop(link);
		} else {
			fprintf(stderr, "sh: unalias: %s not found\n", argv[i]);
			status = 1;
		}
	}
	return status;
}
