/* sh: what the shell's parts share. A line is parsed whole first (so a
 * syntax error runs nothing), into flat arrays of words, redirections,
 * commands and pipelines; words keep their quotes and $ until their
 * command runs, so `false; echo $?` sees the status of `false`.
 *
 *   main.c     reading lines (console, -c STRING, a script file), the prompt,
 *              here-document bodies
 *   edit.c     the interactive line editor (raw terminal);
 *   history.c  its history;  complete.c  its Tab completion
 *   parse.c    the lexer and the parser: struct script
 *   compound.c if/elif/else/fi, while/until, for: over several lines
 *   expand.c   quote removal, backslashes, parameters ($?, $$, $NAME,
 *              ${NAME}, $0..$9, $#, $@, $*), globbing
 *   vars.c     shell and exported variables, positional parameters
 *   exec.c     pipelines, redirections, PATH search, waiting, statuses
 *   jobs.c     job control: process groups, the terminal, &, jobs, fg, bg
 *   builtins.c cd, pwd, exit, help, echo, true, false, export, unset,
 *              shift, set, history, jobs, fg, bg, wait, kill (%N) */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

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
	R_HEREDOC, /* [n]<<WORD: the lines up to WORD (body in the script) */
};

struct redir {
	int fd;
	enum redir_kind kind;
	struct word target;
	int body;   /* R_HEREDOC: index into script.heredocs */
};

#define MAX_HEREDOCS 8
#define HEREDOC_SIZE 4096

struct heredoc {
	char text[HEREDOC_SIZE];
	int len;
	int expand; /* the delimiter was unquoted: $ expands in the body */
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
	int background; /* ended by '&' */
};

struct script {
	struct word words[MAX_WORDS];
	struct redir redirs[MAX_REDIRS];
	struct command commands[MAX_COMMANDS];
	struct pipeline pipelines[MAX_PIPELINES];
	int nwords, nredirs, ncommands, npipelines;
	struct heredoc heredocs[MAX_HEREDOCS];
	int nheredocs;
};

/* parse.c: fills `s` from one line (no newline in it); 0, or -1 after
 * printing the error on stderr. */
int parse_line(const char *line, struct script *s);

/* expand.c: the word's value in a buffer that lasts until expand_reset();
 * NULL (after an error message) when that buffer is full. *drop is set
 * when an unquoted expansion came out empty: POSIX removes such a word. */
char *expand_word(const struct word *w, int *drop);
/* The fields of a command word: "$@" gives one per parameter and a
 * pattern its matching paths (sorted; none: the word itself). Appends to
 * argv from argc; the new count, or -1 after an error. */
int expand_fields(const struct word *w, char **argv, int argc, int max);
/* A here-document body with its parameters expanded. */
char *expand_text(const char *text, int len);
void expand_reset(void);
/* Set by ${NAME:?WORD} on an unset NAME: a shell that is not interactive
 * exits (status 2), as POSIX says. */
extern int expand_fatal;

/* vars.c */
int is_name(const char *s, size_t n);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
int var_export(const char *name);
void var_unset(const char *name);
void positional_set(const char *zero, int n, char **args);
int positional_count(void);
const char *positional_get(int n);
int positional_shift(int n);

/* exec.c: runs every pipeline of the script; the status of the last. */
extern int last_status;
/* Set when a child was killed by SIGINT (a script stops there). */
extern int interrupted;
int run_script(const struct script *s);

/* jobs.c: with job control (an interactive shell) each pipeline is a
 * process group, given the terminal while in the foreground. */
extern int job_control;
void jobs_init(void);
/* A new job's processes (the first one's pid is the group). */
int job_add(const pid_t *pids, int n, const char *name, int background);
/* Waits for a foreground job (a stop ends the wait); its status. */
int job_wait(int id);
/* Reports background jobs that ended or stopped (before a prompt). */
void jobs_notify(void);
int jobs_list(void);
/* fg/bg: the job "%N" (or the current one when spec is NULL). */
int job_foreground(const char *spec);
int job_background(const char *spec);
int jobs_wait_all(void);
/* kill %N: the job's process group as "-PGID" (job control) or its live
 * processes' pids, into out; how many, or -1 (reported) for no such job. */
int job_targets(const char *spec, char (*out)[16], int max);
/* Puts the child in its job's process group (and the terminal). */
void job_child_setup(pid_t pgid, int background);
/* What `wait` said, as a shell status (names deadly signals). */
int wait_status(int status, int report);

/* compound.c: if/while/until/for. compound_starts: the line opens one;
 * compound_depth: how many the text leaves open (read more lines while
 * positive); compound_run: runs the complete text. */
int compound_starts(const char *line);
int compound_depth(const char *text);
void compound_run(const char *text);

/* builtins.c: the built-in named argv[0], or NULL. */
typedef int (*builtin_fn)(char **argv);
builtin_fn find_builtin(const char *name);
/* Calls add(name, 0) for each built-in starting with prefix. */
void builtin_names(const char *prefix, void (*add)(const char *, int));

/* edit.c, history.c, complete.c: interactive input. */
/* Reads a line with editing: its length, -1 at end of input, -3 for ^C,
 * -2 when the terminal cannot be put in raw mode (read it plainly). */
int edit_line(const char *prompt, char *buf, int size);
void edit_print(const char *text);
void history_add(const char *line);
void history_start(void);
const char *history_step(int direction, const char *current);
int history_print(void);
/* Completes the word before `cursor`: what to insert into *addition;
 * 1 when it listed the candidates (the line must be redrawn). */
int complete(const char *line, int cursor, char *addition, size_t size);

#endif
