/* Private to regex: the compiled form shared by the compiler and the
 * matchers. A program is a list of instructions for a Pike VM (threads
 * advance in lock step over the input, so matching is linear in the input);
 * programs with back-references run on a bounded backtracker instead. */
#ifndef _LIBC_REGEX_PROGRAM_H
#define _LIBC_REGEX_PROGRAM_H

#include <stddef.h>

enum re_op {
	RE_CHAR,    /* x: the byte */
	RE_ANY,     /* x: 1 if newline does not match (REG_NEWLINE) */
	RE_SET,     /* x: index of a 256-bit set */
	RE_BOL,     /* ^ */
	RE_EOL,     /* $ */
	RE_WORDB,   /* \b */
	RE_NWORDB,  /* \B */
	RE_WBEG,    /* \< */
	RE_WEND,    /* \> */
	RE_BUFBEG,  /* \` */
	RE_BUFEND,  /* \' */
	RE_SPLIT,   /* try x first, then y */
	RE_JMP,     /* x */
	RE_SAVE,    /* x: capture slot (or a repeat's start mark) */
	RE_PROGRESS, /* x: mark slot; continues only if input was consumed */
	RE_BACKREF, /* x: group number */
	RE_MATCH,
};

struct re_inst {
	unsigned char op;
	int x, y;
};

struct re_prog {
	struct re_inst *code;
	int len;
	unsigned char (*sets)[32];
	int nsets;
	int nsub;      /* groups */
	int nmarks;    /* extra slots after the captures: repeat start marks */
	int cflags;    /* regcomp's flags */
	int backrefs;  /* uses \N: run the backtracker */
};

#endif
