/* sh: what the shell's parts share. Input is read a line at a time and
 * parsed whole (a syntax error runs nothing) into a tree of nodes, read
 * further while a command is incomplete (an open quote, if without fi, a
 * here-document without its end); then the tree runs. Words keep their
 * quotes and $ until their command runs, so `false; echo $?` sees the
 * status of `false`.
 *
 *   main.c     reading input (console, -c STRING, a script file), prompts
 *   edit.c     the interactive line editor (raw terminal);
 *   history.c  its history;  complete.c  its Tab completion
 *   lex.c      the tokens: words (quotes, $(...), `...`, ${...} inside),
 *              operators, newlines, here-document bodies
 *   parse.c    POSIX's grammar into nodes (pool.c holds them)
 *   eval.c     running nodes: lists, && ||, pipelines, if, while, until,
 *              for, case, functions, subshells, break/continue/return
 *   exec.c     simple commands: redirections, built-ins, PATH, fork/exec
 *   expand.c   words: ~, parameters, $(...) and `...`, $((...)), field
 *              splitting on IFS, patterns, quote removal
 *   arith.c    $((...)): C's integer expressions
 *   vars.c     variables, `local`, positional parameters, functions
 *   alias.c    aliases (parse.c expands them)
 *   jobs.c     job control: process groups, the terminal, &, jobs, fg, bg
 *   options.c  set -e -u -x
 *   trap.c     traps: signals and EXIT; how the shell exits
 *   builtins.c the built-in commands */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

#define SH_MAX_LINE 4096
#define MAX_WORDS 1024
#define MAX_COMMANDS 64

/* A word as typed, quotes and all: a slice of the source text. */
struct word {
	const char *text;
	int len;
};

enum redir_kind {
	R_IN,      /* [n]< file */
	R_OUT,     /* [n]> file (and >|) */
	R_APPEND,  /* [n]>> file */
	R_RDWR,    /* [n]<> file */
	R_DUP,     /* [n]>&m, [n]<&m; m "-" closes n */
	R_HEREDOC, /* [n]<<WORD, [n]<<-WORD: the lines up to WORD */
};

struct redir {
	int fd;
	enum redir_kind kind;
	struct word target;
	/* R_HEREDOC: the body as typed, whether $ expands in it (the
	 * delimiter was unquoted), and whether to strip leading tabs (<<-) */
	const char *body;
	int body_len;
	int expand;
	int strip_tabs;
	struct redir *next;
};

enum node_kind {
	N_SIMPLE,     /* words, redirections */
	N_PIPELINE,   /* left: first command, commands linked by next; bang */
	N_AND,        /* left && right */
	N_OR,         /* left || right */
	N_LIST,       /* left: first item, linked by next */
	N_BACKGROUND, /* left & */
	N_SUBSHELL,   /* ( left ) */
	N_GROUP,      /* { left; } */
	N_IF,         /* if left then right else other */
	N_WHILE,      /* while left do right done */
	N_UNTIL,
	N_FOR,        /* for name [in words] do right done */
	N_CASE,       /* case words[0] in items esac */
	N_FUNCTION,   /* name () left */
};

struct case_item {
	struct word *patterns;
	int npatterns;
	struct node *body; /* may be NULL */
	struct case_item *next;
};

struct node {
	enum node_kind kind;
	struct node *left, *right, *other, *next;
	struct word *words;
	int nwords;
	int has_in;          /* N_FOR: "in WORDS" given */
	int bang;            /* N_PIPELINE: ! */
	struct redir *redirs;
	const char *name;    /* N_FOR: the variable; N_FUNCTION: the name */
	struct case_item *items;
	struct pool *pool;   /* N_FUNCTION: keeps the body's memory */
	/* The source text, for job names. */
	const char *src;
	int src_len;
};

/* pool.c: the memory of one parse (its text, tokens and nodes), freed
 * when the last user lets go (a function defined in it keeps it). */
struct pool;
struct pool *pool_new(void);
void *pool_alloc(struct pool *p, size_t n);
char *pool_strndup(struct pool *p, const char *s, size_t n);
void pool_hold(struct pool *p);
void pool_release(struct pool *p);

/* lex.c */
enum tok {
	T_WORD, T_IONUM, T_NEWLINE, T_END,
	T_PIPE, T_OR, T_AND, T_SEMI, T_DSEMI, T_AMP, T_LPAREN, T_RPAREN,
	T_LESS, T_GREAT, T_DGREAT, T_CLOBBER, T_LESSAND, T_GREATAND, T_LESSGREAT,
	T_DLESS, T_DLESSDASH,
};

/* An alias being expanded, and the one whose value it came from: a
 * token from an alias's value is not expanded by that alias again. */
struct alias_use {
	const char *name;
	const struct alias_use *outer;
};

struct token {
	enum tok type;
	const char *text;
	int len;
	const struct alias_use *alias; /* from an alias's value: which */
	/* T_DLESS/T_DLESSDASH: the body found after the line */
	const char *body;
	int body_len;
};

/* The results of lexing and parsing. */
#define PARSE_OK 0
#define PARSE_ERROR (-1)
#define PARSE_INCOMPLETE (-2)

/* Cuts text into tokens (in the pool); PARSE_INCOMPLETE when it ends
 * inside a quote, a $( or a here-document. */
int lex(struct pool *pool, const char *text, struct token **toks, int *ntoks);
/* Inside "$(" "${" or "`" from p: its closing character, or NULL when
 * [p, end) ends first (a case pattern's ')' does not close "$("). */
const char *lex_closing(const char *p, const char *end, char open, char close);
/* p at ' " or `: just past its closing quote, or NULL. */
const char *lex_skip_quote(const char *p, const char *end);

/* parse.c: the text as a list; *tree is NULL for nothing but blanks. */
int parse(const char *text, size_t len, struct node **tree, struct pool **pool);
/* Set by parse when the text ended inside a quote, a $( or a
 * here-document (PARSE_INCOMPLETE from the lexer, not the grammar). */
extern int parse_open_text;

/* eval.c */
extern int last_status;
/* Set when a child was killed by SIGINT (a script stops there). */
extern int interrupted;
/* break/continue/return in progress: how many loops are left to leave. */
enum jump { J_NONE, J_BREAK, J_CONTINUE, J_RETURN };
extern enum jump jump;
extern int jump_count;
extern int loop_depth, function_depth;
/* Set in a forked child that runs one command: it execs rather than
 * forking again. */
extern int in_child;
int eval(struct node *n);
/* Parses and runs text (eval, ., $(...)); the status. */
int eval_text(const char *text, size_t len);
/* Functions defined in a tree keep its pool (set before it runs). */
void adopt_functions(struct node *n, struct pool *pool);
/* The status of a pipeline's child processes, waited for as a job. */
pid_t fork_child(int background, pid_t pgid);

/* exec.c */
int run_simple(struct node *n, int exec_directly);
/* A program from PATH (or a path with '/'), never returning: 127 not
 * found, 126 not runnable. */
/* Set when an expansion ran a command substitution (its status is $?). */
extern int substituted;
/* Redirections in the shell itself, undone by redirect_restore (NULL
 * save: for good, in a child or `exec`). -1 after an error message. */
struct saved_fds {
	int saved[10];
	unsigned touched;
};
int redirect_apply(struct redir *r, struct saved_fds *save);
void redirect_restore(struct saved_fds *save);
void exec_program(char **argv);
/* $!: the last background job's last process. */
extern pid_t last_background;

/* expand.c: word expansion into the expansion arena (until expand_reset). */
void expand_reset(void);
/* The fields of a command word: one per "$@" parameter and per field of
 * an unquoted expansion split on IFS, patterns replaced by their matching
 * paths. Appends to argv from argc; the new count, or -1 after an error. */
int expand_fields(const struct word *w, char **argv, int argc, int max);
/* One string, not split nor matched (assignments, redirections, case). */
char *expand_word(const struct word *w);
/* A pattern for fnmatch: quoted characters escaped (case). */
char *expand_pattern(const struct word *w);
/* A here-document body with $ expanded. */
char *expand_text(const char *text, int len);
/* Copies s into the arena. */
char *expand_save(const char *s);
/* Set by ${NAME:?WORD} on an unset NAME: a shell that is not interactive
 * exits (status 2), as POSIX says. */
extern int expand_fatal;
/* The output of a command substitution's text (trailing newlines
 * removed), malloc'ed; sets last_status. */
char *command_output(const char *text, size_t len);

/* arith.c: the value of an arithmetic expression (variables already in
 * it by name or as $NAME expanded); 0 and an error message on error. */
int arith_eval(const char *expr, long *value);

/* vars.c */
int is_name(const char *s, size_t n);
/* s single-quoted as `set` prints it ('it'"'"'s'). */
void print_quoted(const char *s);
/* `set` alone: the variables, sorted, NAME='VALUE'. */
int vars_list(void);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
int var_export(const char *name);
void var_unset(const char *name);
/* local NAME: saved until the function returns. */
int var_local(const char *name);
void locals_push(void);
void locals_pop(void);
/* NAME=VALUE before a regular built-in or a function: exported while it
 * runs, restored by temps_pop (dash's semantics). */
void temps_push(void);
void temps_pop(void);
int var_temporary(const char *name, const char *value);
/* Positional parameters: copies are kept; push/pop around a function. */
void positional_set(const char *zero, int n, char **args);
void positional_push(int n, char **args);
void positional_pop(void);
int positional_count(void);
const char *positional_get(int n);
int positional_shift(int n);
/* Functions: the body node (its pool held). */
void function_define(const char *name, struct node *body, struct pool *pool);
struct node *function_find(const char *name);
int function_unset(const char *name);

/* jobs.c: with job control (an interactive shell) each pipeline is a
 * process group, given the terminal while in the foreground. */
extern int job_control;
void jobs_init(void);
int job_add(const pid_t *pids, int n, const char *name, int background);
int job_wait(int id);
void jobs_notify(void);
int jobs_list(void);
int job_foreground(const char *spec);
int job_background(const char *spec);
int jobs_wait_all(void);
/* wait PID|%N: the job's (or that process's) status once it has ended;
 * 127 when it is no job of the shell's. */
int job_wait_for(const char *spec);
int job_targets(const char *spec, char (*out)[16], int max);
void job_continue_stopped(const char *spec);
void job_child_setup(pid_t pgid, int background);
int wait_status(int status, int report);

/* options.c: set -e, -u, -x. errexit_suppressed counts the tested
 * contexts (conditions, && || but the last, !) the shell is inside. */
extern int opt_errexit, opt_nounset, opt_xtrace;
extern int errexit_suppressed;
/* Applies the leading option words of argv ("-eux", "+e", "-o NAME",
 * up to and including "--"); *used is how many; -1 after an error. */
int options_apply(char **argv, int *used);
/* set -x: the command as it runs, after $PS4, on standard error. */
void xtrace(char **assigns, char **argv);

/* trap.c */
int builtin_trap(char **argv);
/* What `trap - SIG` goes back to (an interactive shell's ^C handler). */
void trap_set_default(int sig, void (*handler)(int));
/* Runs the pending traps of caught signals (after each command). */
void traps_run(void);
/* In a forked child: traps that run commands are forgotten. */
void traps_in_child(void);
/* Exits with status after the EXIT trap; never returns. */
void sh_exit(int status) __attribute__((noreturn));

/* alias.c: the value of the alias name[0..len), or NULL; the built-ins. */
const char *alias_get(const char *name, size_t len);
int builtin_alias(char **argv);
int builtin_unalias(char **argv);

/* builtins.c: the built-in named argv[0], or NULL. */
typedef int (*builtin_fn)(char **argv);
builtin_fn find_builtin(const char *name);
/* Special built-ins (POSIX): their assignments stay. */
int is_special_builtin(const char *name);
void builtin_names(const char *prefix, void (*add)(const char *, int));

/* edit.c, history.c, complete.c: interactive input. */
int edit_line(const char *prompt, char *buf, int size);
void edit_print(const char *text);
void history_add(const char *line);
void history_start(void);
const char *history_step(int direction, const char *current);
int history_print(void);
int complete(const char *line, int cursor, char *addition, size_t size);

#endif
