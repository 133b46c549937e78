/* interp: a small language run by a tree-to-bytecode compiler and a stack
 * machine. The script (below) is tokenised by a state machine, parsed by
 * recursive descent into a linked AST, compiled to 8-bit opcodes with
 * 16-bit operands, and run; variables live in a linked symbol list.
 * A real-program workload for `npm run bench`.
 *   interp [SCALE]   (default 3) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char script[] =
	"let n = scale * 2500;\n"
	"let primes = 0; let i = 2;\n"
	"while (i < n) {\n"
	"  let d = 2; let p = 1;\n"
	"  while (d * d <= i && p) { if (i % d == 0) { p = 0; } d = d + 1; }\n"
	"  primes = primes + p; i = i + 1;\n"
	"}\n"
	"print primes;\n"
	"let steps = 0; let k = 1;\n"
	"while (k < scale * 1500) {\n"
	"  let x = k;\n"
	"  while (x != 1) { if (x % 2) { x = 3 * x + 1; } else { x = x / 2; } steps = steps + 1; }\n"
	"  k = k + 1;\n"
	"}\n"
	"print steps;\n"
	"let a = 0; let b = 1; let t = 0; let j = 0; let acc = 0;\n"
	"while (j < scale * 20000) { t = (a + b) % 65521; a = b; b = t; acc = (acc ^ t) + j; j = j + 1; }\n"
	"print acc;\n";

/* ---- tokens (a state machine over characters) ---- */
enum tok { T_END, T_NUM, T_NAME, T_LET, T_WHILE, T_IF, T_ELSE, T_PRINT, T_OP };

struct token {
	uint8_t kind;
	uint8_t op[3]; /* operator characters, NUL-padded */
	int32_t value;
	char name[16];
};

static const char *src;

static void next_token(struct token *t)
{
	enum { START, NUMBER, NAME } state = START;
	int len = 0;
	memset(t, 0, sizeof *t);
	for (;;) {
		char c = *src;
		switch (state) {
		case START:
			if (c == ' ' || c == '\n' || c == '\t') { src++; continue; }
			if (c == 0) { t->kind = T_END; return; }
			if (c >= '0' && c <= '9') { state = NUMBER; t->kind = T_NUM; continue; }
			if ((c >= 'a' && c <= 'z') || c == '_') { state = NAME; t->kind = T_NAME; continue; }
			t->kind = T_OP;
			t->op[0] = (uint8_t)c;
			src++;
			if ((c == '=' || c == '!' || c == '<' || c == '>') && *src == '=') { t->op[1] = '='; src++; }
			else if ((c == '&' && *src == '&') || (c == '|' && *src == '|')) { t->op[1] = (uint8_t)c; src++; }
			return;
		case NUMBER:
			if (c >= '0' && c <= '9') { t->value = t->value * 10 + (c - '0'); src++; continue; }
			return;
		case NAME:
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
				if (len < 15) t->name[len++] = c;
				src++;
				continue;
			}
			if (!strcmp(t->name, "let")) t->kind = T_LET;
			else if (!strcmp(t->name, "while")) t->kind = T_WHILE;
			else if (!strcmp(t->name, "if")) t->kind = T_IF;
			else if (!strcmp(t->name, "else")) t->kind = T_ELSE;
			else if (!strcmp(t->name, "print")) t->kind = T_PRINT;
			return;
		}
	}
}

/* ---- symbols: a linked list ---- */
struct symbol {
	struct symbol *next;
	char name[16];
	uint16_t slot;
};
static struct symbol *symbols;
static uint16_t nsymbols;

static uint16_t lookup(const char *name)
{
	for (struct symbol *s = symbols; s; s = s->next)
		if (!strcmp(s->name, name))
			return s->slot;
	struct symbol *s = calloc(1, sizeof *s);
	strcpy(s->name, name);
	s->slot = nsymbols++;
	s->next = symbols;
	symbols = s;
	return s->slot;
}

/* ---- AST ---- */
enum node_kind { N_NUM, N_VAR, N_BIN, N_ASSIGN, N_WHILE, N_IF, N_PRINT, N_SEQ };
struct node {
	uint8_t kind;
	uint8_t op; /* a bytecode operator for N_BIN */
	uint16_t slot;
	int32_t value;
	struct node *a, *b, *c, *next; /* next: statement lists */
};

static struct token tok;

static struct node *mk(uint8_t kind)
{
	struct node *n = calloc(1, sizeof *n);
	n->kind = kind;
	return n;
}

static int is_op(const char *s)
{
	return tok.kind == T_OP && !strcmp((const char *)tok.op, s);
}

static void expect(const char *s)
{
	if (!is_op(s)) {
		printf("interp: expected '%s'\n", s);
		exit(2);
	}
	next_token(&tok);
}

enum opcode { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_XOR,
	OP_JZ, OP_JMP, OP_PRINT, OP_HALT };

static struct node *expr(int prec);

static struct node *primary(void)
{
	struct node *n;
	if (tok.kind == T_NUM) {
		n = mk(N_NUM);
		n->value = tok.value;
		next_token(&tok);
	} else if (tok.kind == T_NAME) {
		n = mk(N_VAR);
		n->slot = lookup(tok.name);
		next_token(&tok);
	} else {
		expect("(");
		n = expr(0);
		expect(")");
	}
	return n;
}

static const struct { const char *text; uint8_t prec, op; } binops[] = {
	{ "||", 1, OP_OR }, { "&&", 2, OP_AND }, { "^", 3, OP_XOR },
	{ "==", 4, OP_EQ }, { "!=", 4, OP_NE }, { "<", 5, OP_LT }, { "<=", 5, OP_LE },
	{ ">", 5, OP_GT }, { ">=", 5, OP_GE }, { "+", 6, OP_ADD }, { "-", 6, OP_SUB },
	{ "*", 7, OP_MUL }, { "/", 7, OP_DIV }, { "%", 7, OP_MOD },
};

static struct node *expr(int prec)
{
	struct node *left = primary();
	for (;;) {
		int found = -1;
		if (tok.kind == T_OP)
			for (unsigned i = 0; i < sizeof binops / sizeof binops[0]; i++)
				if (!strcmp((const char *)tok.op, binops[i].text) && binops[i].prec > prec) {
					found = (int)i;
					break;
				}
		if (found < 0)
			return left;
		next_token(&tok);
		struct node *n = mk(N_BIN);
		n->op = binops[found].op;
		n->a = left;
		n->b = expr(binops[found].prec);
		left = n;
	}
}

static struct node *statement(void);

static struct node *block(void)
{
	struct node *seq = mk(N_SEQ), **tail = &seq->a;
	expect("{");
	while (!is_op("}")) {
		*tail = statement();
		tail = &(*tail)->next;
	}
	next_token(&tok);
	return seq;
}

static struct node *statement(void)
{
	struct node *n;
	if (tok.kind == T_LET || tok.kind == T_NAME) {
		if (tok.kind == T_LET)
			next_token(&tok);
		n = mk(N_ASSIGN);
		n->slot = lookup(tok.name);
		next_token(&tok);
		expect("=");
		n->a = expr(0);
		expect(";");
	} else if (tok.kind == T_WHILE || tok.kind == T_IF) {
		n = mk(tok.kind == T_WHILE ? N_WHILE : N_IF);
		next_token(&tok);
		expect("(");
		n->a = expr(0);
		expect(")");
		n->b = block();
		if (n->kind == N_IF && tok.kind == T_ELSE) {
			next_token(&tok);
			n->c = block();
		}
	} else if (tok.kind == T_PRINT) {
		next_token(&tok);
		n = mk(N_PRINT);
		n->a = expr(0);
		expect(";");
	} else {
		printf("interp: unexpected token\n");
		exit(2);
	}
	return n;
}

/* ---- bytecode ---- */
static uint8_t code[8192];
static uint16_t pc_end;

static void emit8(uint8_t b) { code[pc_end++] = b; }
static void emit16(uint16_t v) { emit8((uint8_t)v); emit8((uint8_t)(v >> 8)); }
static void patch16(uint16_t at, uint16_t v) { code[at] = (uint8_t)v; code[at + 1] = (uint8_t)(v >> 8); }

static void gen(struct node *n)
{
	for (; n; n = n->next) {
		switch (n->kind) {
		case N_NUM:
			emit8(OP_PUSH);
			emit16((uint16_t)n->value);
			emit16((uint16_t)((uint32_t)n->value >> 16));
			break;
		case N_VAR: emit8(OP_LOAD); emit16(n->slot); break;
		case N_BIN: gen(n->a); gen(n->b); emit8(n->op); break;
		case N_ASSIGN: gen(n->a); emit8(OP_STORE); emit16(n->slot); break;
		case N_PRINT: gen(n->a); emit8(OP_PRINT); break;
		case N_SEQ: gen(n->a); break;
		case N_WHILE: {
			uint16_t top = pc_end;
			gen(n->a);
			emit8(OP_JZ);
			uint16_t hole = pc_end;
			emit16(0);
			gen(n->b);
			emit8(OP_JMP);
			emit16(top);
			patch16(hole, pc_end);
			break;
		}
		case N_IF: {
			gen(n->a);
			emit8(OP_JZ);
			uint16_t hole = pc_end;
			emit16(0);
			gen(n->b);
			if (n->c) {
				emit8(OP_JMP);
				uint16_t over = pc_end;
				emit16(0);
				patch16(hole, pc_end);
				gen(n->c);
				patch16(over, pc_end);
			} else {
				patch16(hole, pc_end);
			}
			break;
		}
		}
		if (n->kind <= N_BIN)
			return; /* expressions are single nodes, not lists */
	}
}

static int32_t vars[256];
static int32_t stack[256];

static uint32_t run(void)
{
	uint16_t pc = 0;
	int sp = 0;
	uint32_t printed = 0;
	for (;;) {
		uint8_t op = code[pc++];
		int32_t b;
		switch (op) {
		case OP_PUSH: stack[sp++] = (int32_t)(code[pc] | code[pc + 1] << 8 | (uint32_t)code[pc + 2] << 16 | (uint32_t)code[pc + 3] << 24); pc += 4; break;
		case OP_LOAD: stack[sp++] = vars[code[pc] | code[pc + 1] << 8]; pc += 2; break;
		case OP_STORE: vars[code[pc] | code[pc + 1] << 8] = stack[--sp]; pc += 2; break;
		case OP_JZ: if (stack[--sp] == 0) pc = (uint16_t)(code[pc] | code[pc + 1] << 8); else pc += 2; break;
		case OP_JMP: pc = (uint16_t)(code[pc] | code[pc + 1] << 8); break;
		case OP_PRINT: printf("%d\n", (int)stack[--sp]); printed = printed * 31 + (uint32_t)stack[sp]; break;
		case OP_HALT: return printed;
		default:
			b = stack[--sp];
			int32_t *a = &stack[sp - 1];
			switch (op) {
			case OP_ADD: *a += b; break;
			case OP_SUB: *a -= b; break;
			case OP_MUL: *a *= b; break;
			case OP_DIV: *a = b ? *a / b : 0; break;
			case OP_MOD: *a = b ? *a % b : 0; break;
			case OP_LT: *a = *a < b; break;
			case OP_LE: *a = *a <= b; break;
			case OP_GT: *a = *a > b; break;
			case OP_GE: *a = *a >= b; break;
			case OP_EQ: *a = *a == b; break;
			case OP_NE: *a = *a != b; break;
			case OP_AND: *a = *a && b; break;
			case OP_OR: *a = *a || b; break;
			case OP_XOR: *a ^= b; break;
			}
		}
	}
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 3;
	src = script;
	vars[lookup("scale")] = scale;
	next_token(&tok);
	struct node *prog = mk(N_SEQ), **tail = &prog->a;
	while (tok.kind != T_END) {
		*tail = statement();
		tail = &(*tail)->next;
	}
	gen(prog);
	emit8(OP_HALT);
	uint32_t digest = run();
	printf("interp: %u bytes of bytecode, %u symbols, digest %08x\n", (unsigned)pc_end, (unsigned)nsymbols, (unsigned)digest);
	return 0;
}
