/* sh: what the shell's parts share. A line is parsed whole first (so a
 * syntax error runs nothing), into flat arrays of words, redirections,
 * commands and pipelines; words keep their quotes and $ until their
 * command runs, so `false; echo $?` sees the status of `false`.
 *
 *   main.c     reading lines (console, -c STRING, a script file), the prompt
 *   parse.c    the lexer and the parser: struct script
 *   expand.c   quote removal, backslashes, $?, $$, $NAME, ${NAME}
 *   exec.c     pipelines, redirections, PATH search, waiting, statuses
 *   builtins.c cd, pwd, exit, help, echo, true, false, fg */
#ifndef SH_H
#define SH_H

#define SH_MAX_LINE 4096
#define MAX_WORDS 256
#define MAX_REDIRS 64
#define MAX_COMMANDS 64
#define MAX_PIPELINES 64

/* A word as typed, quotes and all: a slice of the line. */
struct word {
	const char *text;
	int len;
};

enum redir_kind {
	R_IN,      /* [n]< file */
	R_OUT,     /* [n]> file (and >|) */
	R_APPEND,  /* [n]>> file */
	R_DUP,     /* [n]>&m, [n]<&m; m "-" closes n */
};

struct redir {
	int fd;
	enum redir_kind kind;
	struct word target;
};

struct command {
	int first_word, nwords;
	int first_redir, nredirs;
};

/* How a pipeline follows the one before it. */
enum connector { C_SEQ, C_AND, C_OR };

struct pipeline {
	int first_command, ncommands;
	enum connector after;
};

struct script {
	struct word words[MAX_WORDS];
	struct redir redirs[MAX_REDIRS];
	struct command commands[MAX_COMMANDS];
	struct pipeline pipelines[MAX_PIPELINES];
	int nwords, nredirs, ncommands, npipelines;
};

/* parse.c: fills `s` from one line (no newline in it); 0, or -1 after
 * printing the error on stderr. */
int parse_line(const char *line, struct script *s);

/* expand.c: the word's value in a buffer that lasts until expand_reset();
 * NULL (after an error message) when that buffer is full. *drop is set
 * when an unquoted expansion came out empty: POSIX removes such a word. */
char *expand_word(const struct word *w, int *drop);
void expand_reset(void);

/* exec.c: runs every pipeline of the script; the status of the last. */
extern int last_status;
/* Set when a child was killed by SIGINT (a script stops there). */
extern int interrupted;
int run_script(const struct script *s);
/* Continues the job ^Z stopped and waits for it (the `fg` built-in). */
int resume_stopped_job(void);

/* builtins.c: the built-in named argv[0], or NULL. */
typedef int (*builtin_fn)(char **argv);
builtin_fn find_builtin(const char *name);

#endif
