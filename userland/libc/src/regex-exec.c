/* regexec: runs a compiled program (regex-program.h) over a string.
 *
 * The Pike VM keeps one thread per program position, in priority order,
 * and advances all of them one character at a time, so a match costs at
 * most (input length) x (program length) steps. POSIX wants the leftmost
 * match and, among those, the longest: once a thread matches, threads that
 * started later are dropped, but those that started at the same place keep
 * running and a longer match replaces the shorter one. Sub-matches come
 * from the highest-priority thread (greedy repetition, first alternative).
 *
 * Back-references are beyond a Pike VM; those programs run on a
 * backtracker with a step budget, which reports REG_ESPACE rather than run
 * for ever. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "regex-program.h"

#define BACKTRACK_BUDGET 2000000L

struct ctx {
	const struct re_prog *pr;
	const unsigned char *s; /* the subject: [begin, end) */
	int begin, end;
	int start;              /* where the search starts (REG_STARTEND) */
	int eflags;
	int nslots;
};

static int word_at(const struct ctx *c, int i)
{
	return i >= c->begin && i < c->end &&
	       (isalnum(c->s[i]) || c->s[i] == '_');
}

/* Zero-width assertions at position i. */
static int assertion(const struct ctx *c, int op, int i)
{
	int nl = c->pr->cflags & REG_NEWLINE;

	switch (op) {
	case RE_BOL:
		return (i == c->begin && !(c->eflags & REG_NOTBOL)) ||
		       (nl && i > c->begin && c->s[i - 1] == '\n');
	case RE_EOL:
		return (i == c->end && !(c->eflags & REG_NOTEOL)) ||
		       (nl && i < c->end && c->s[i] == '\n');
	case RE_WORDB: return word_at(c, i - 1) != word_at(c, i);
	case RE_NWORDB: return word_at(c, i - 1) == word_at(c, i);
	case RE_WBEG: return !word_at(c, i - 1) && word_at(c, i);
	case RE_WEND: return word_at(c, i - 1) && !word_at(c, i);
	case RE_BUFBEG: return i == c->begin;
	case RE_BUFEND: return i == c->end;
	}
	return 0;
}

/* Whether instruction in consumes character ch. */
static int consumes(const struct ctx *c, const struct re_inst *in, int ch)
{
	switch (in->op) {
	case RE_CHAR: return ch == in->x;
	case RE_ANY: return !(in->x && ch == '\n');
	case RE_SET: return (c->pr->sets[in->x][ch >> 3] >> (ch & 7)) & 1;
	}
	return 0;
}

/* ---- Pike VM ---- */

struct threads {
	int n;
	int *pc;
	int *caps; /* nslots per thread */
};

struct vm {
	struct ctx c;
	struct threads cur, next;
	int *mark;      /* per pc: the step that last added it */
	int *stack;     /* addthread's work: pc, or ~slot restore pairs */
	int *work_caps; /* the captures being built by addthread */
	int stack_cap;
	int matched;
	int *best;      /* the best match's captures */
};

/* Adds pc and everything reachable from it without consuming input to
 * list l, in priority order, with captures taken from work_caps. */
static void addthread(struct vm *vm, struct threads *l, int pc0, int i,
		      int step)
{
	const struct re_inst *code = vm->c.pr->code;
	int *caps = vm->work_caps, sp = 0;

	vm->stack[sp++] = pc0;
	while (sp > 0) {
		int pc = vm->stack[--sp];

		if (pc < 0) { /* restore a capture slot: ~slot, then value */
			caps[~pc] = vm->stack[--sp];
			continue;
		}
		if (vm->mark[pc] == step)
			continue;
		vm->mark[pc] = step;
		switch (code[pc].op) {
		case RE_JMP:
			vm->stack[sp++] = code[pc].x;
			break;
		case RE_SPLIT:
			vm->stack[sp++] = code[pc].y;
			vm->stack[sp++] = code[pc].x;
			break;
		case RE_SAVE:
			vm->stack[sp++] = caps[code[pc].x];
			vm->stack[sp++] = ~code[pc].x;
			caps[code[pc].x] = i;
			vm->stack[sp++] = pc + 1;
			break;
		case RE_PROGRESS: /* an empty repeat iteration dies here */
			if (caps[code[pc].x] != i)
				vm->stack[sp++] = pc + 1;
			break;
		case RE_BOL: case RE_EOL: case RE_WORDB: case RE_NWORDB:
		case RE_WBEG: case RE_WEND: case RE_BUFBEG: case RE_BUFEND:
			if (assertion(&vm->c, code[pc].op, i))
				vm->stack[sp++] = pc + 1;
			break;
		default: /* consumes a character, or MATCH */
			l->pc[l->n] = pc;
			memcpy(&l->caps[l->n * vm->c.nslots], caps,
			       (size_t)vm->c.nslots * sizeof(int));
			l->n++;
		}
	}
}

static int pike(struct vm *vm)
{
	const struct ctx *c = &vm->c;
	const struct re_inst *code = c->pr->code;
	int step = 1, list_step = 1;

	vm->cur.n = 0;
	for (int i = c->start;; i++) {
		/* A new thread starting here, unless a match already began
		 * further left (it would lose to that one). It joins the list
		 * for this position last: the lowest priority. */
		if (!vm->matched) {
			for (int k = 0; k < c->nslots; k++)
				vm->work_caps[k] = -1;
			addthread(vm, &vm->cur, 0, i, list_step);
		}
		if (vm->cur.n == 0) {
			if (vm->matched || i >= c->end)
				break;
			list_step = ++step;
			continue;
		}
		vm->next.n = 0;
		list_step = ++step;
		for (int t = 0; t < vm->cur.n; t++) {
			int pc = vm->cur.pc[t];
			int *caps = &vm->cur.caps[t * c->nslots];

			if (vm->matched && caps[0] > vm->best[0])
				continue;
			if (code[pc].op == RE_MATCH) {
				if (!vm->matched || caps[0] < vm->best[0] ||
				    (caps[0] == vm->best[0] &&
				     i > vm->best[1])) {
					memcpy(vm->best, caps,
					       (size_t)c->nslots * sizeof(int));
					vm->best[1] = i;
					vm->matched = 1;
				}
				continue;
			}
			if (i < c->end && consumes(c, &code[pc], c->s[i])) {
				memcpy(vm->work_caps, caps,
				       (size_t)c->nslots * sizeof(int));
				addthread(vm, &vm->next, pc + 1, i + 1, step);
			}
		}
		struct threads tmp = vm->cur;

		vm->cur = vm->next;
		vm->next = tmp;
		if (i >= c->end)
			break;
	}
	return vm->matched;
}

static int run_pike(struct ctx *c, int *best)
{
	int len = c->pr->len, ns = c->nslots, r = REG_ESPACE;
	struct vm vm = { .c = *c, .best = best };
	size_t slots = (size_t)len * (size_t)ns;

	vm.cur.pc = malloc((size_t)len * sizeof(int));
	vm.next.pc = malloc((size_t)len * sizeof(int));
	vm.cur.caps = malloc(slots * sizeof(int));
	vm.next.caps = malloc(slots * sizeof(int));
	vm.mark = calloc((size_t)len, sizeof(int));
	/* Each instruction is pushed once per addthread, SAVE adds two. */
	vm.stack = malloc((size_t)len * 3 * sizeof(int) + sizeof(int));
	vm.work_caps = malloc((size_t)ns * sizeof(int));
	if (vm.cur.pc && vm.next.pc && vm.cur.caps && vm.next.caps &&
	    vm.mark && vm.stack && vm.work_caps) {
		for (int k = 0; k < len; k++)
			vm.mark[k] = -1;
		r = pike(&vm) ? 0 : REG_NOMATCH;
	}
	free(vm.cur.pc);
	free(vm.next.pc);
	free(vm.cur.caps);
	free(vm.next.caps);
	free(vm.mark);
	free(vm.stack);
	free(vm.work_caps);
	return r;
}

/* ---- backtracker (programs with back-references) ---- */

struct frame {
	int pc, i;
	int slot, old; /* slot >= 0: restore caps[slot] = old on the way back */
};

static int run_backtrack(struct ctx *c, int *caps)
{
	const struct re_inst *code = c->pr->code;
	long budget = BACKTRACK_BUDGET;
	int cap = 256, sp;
	struct frame *st = malloc((size_t)cap * sizeof(*st));

	if (!st)
		return REG_ESPACE;
	for (int start = c->start; start <= c->end; start++) {
		for (int k = 0; k < c->nslots; k++)
			caps[k] = -1;
		sp = 0;
		st[sp++] = (struct frame){ 0, start, -1, 0 };
		while (sp > 0) {
			struct frame f = st[--sp];
			int pc = f.pc, i = f.i;

			if (f.slot >= 0) {
				caps[f.slot] = f.old;
				continue;
			}
			for (;;) {
				const struct re_inst *in = &code[pc];

				if (--budget < 0) {
					free(st);
					return REG_ESPACE;
				}
				if (sp + 2 >= cap) {
					struct frame *n = cap < (1 << 22)
						? realloc(st, (size_t)cap * 2 * sizeof(*st))
						: NULL;

					if (!n) {
						free(st);
						return REG_ESPACE;
					}
					st = n;
					cap *= 2;
				}
				if (in->op == RE_MATCH) {
					caps[1] = i;
					free(st);
					return 0;
				}
				if (in->op == RE_JMP) {
					pc = in->x;
				} else if (in->op == RE_SPLIT) {
					st[sp++] = (struct frame){ in->y, i, -1, 0 };
					pc = in->x;
				} else if (in->op == RE_SAVE) {
					st[sp++] = (struct frame){ 0, 0, in->x,
								   caps[in->x] };
					caps[in->x] = i;
					pc++;
				} else if (in->op == RE_PROGRESS) {
					if (caps[in->x] == i)
						break;
					pc++;
				} else if (in->op == RE_BACKREF) {
					int so = caps[2 * in->x],
					    eo = caps[2 * in->x + 1], n = eo - so;

					if (so < 0 || eo < 0 || i + n > c->end)
						break;
					if (c->pr->cflags & REG_ICASE) {
						int k = 0;

						while (k < n && tolower(c->s[so + k]) ==
							tolower(c->s[i + k]))
							k++;
						if (k < n)
							break;
					} else if (memcmp(c->s + so, c->s + i,
							  (size_t)n)) {
						break;
					}
					i += n;
					pc++;
				} else if (in->op <= RE_SET) {
					if (i >= c->end ||
					    !consumes(c, in, c->s[i]))
						break;
					i++;
					pc++;
				} else {
					if (!assertion(c, in->op, i))
						break;
					pc++;
				}
			}
		}
	}
	free(st);
	return REG_NOMATCH;
}

int regexec(const regex_t *re, const char *string, size_t nmatch,
	    regmatch_t pmatch[], int eflags)
{
	const struct re_prog *pr = re->__prog;
	struct ctx c = { pr, (const unsigned char *)string, 0, 0, 0, eflags, 0 };
	int *caps, r;

	if (!pr)
		return REG_BADPAT;
	/* With REG_STARTEND the search covers [rm_so, rm_eo) but the string
	 * still starts at 0: '^' matches there only, as with glibc. */
	if (eflags & REG_STARTEND) {
		if (pmatch[0].rm_so < 0 || pmatch[0].rm_eo < pmatch[0].rm_so)
			return REG_NOMATCH;
		c.start = pmatch[0].rm_so;
		c.end = pmatch[0].rm_eo;
	} else {
		size_t n = strlen(string);

		if (n > 0x7fffffff)
			return REG_ESPACE;
		c.end = (int)n;
	}
	if (pr->cflags & REG_NOSUB)
		nmatch = 0;
	c.nslots = 2 * (pr->nsub + 1) + pr->nmarks;
	caps = malloc((size_t)c.nslots * sizeof(int));
	if (!caps)
		return REG_ESPACE;
	r = pr->backrefs ? run_backtrack(&c, caps) : run_pike(&c, caps);
	for (size_t k = 0; r == 0 && k < nmatch; k++) {
		if ((int)k <= pr->nsub && caps[2 * k] >= 0 &&
		    caps[2 * k + 1] >= 0) {
			pmatch[k].rm_so = caps[2 * k];
			pmatch[k].rm_eo = caps[2 * k + 1];
		} else {
			pmatch[k].rm_so = pmatch[k].rm_eo = -1;
		}
	}
	free(caps);
	return r;
}
