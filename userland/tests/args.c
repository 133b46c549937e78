/* args: what the kernel puts on the initial stack. Echoes argv and envp,
 * checks the stack alignment and the auxiliary vector (AT_PAGESZ, AT_PHDR/
 * AT_PHENT/AT_PHNUM against the ELF header in memory, AT_ENTRY, AT_RANDOM)
 * and that set_tid_address answers with our id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "testlib.h"

/* Just the ELF fields we look at, for the word size being compiled. */
#if __SIZEOF_POINTER__ == 8
typedef struct {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf_ehdr;
typedef struct {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
} elf_phdr;
#else
typedef struct {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf_ehdr;
typedef struct {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} elf_phdr;
#endif
#define PT_LOAD 1

void _start(void);

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void echo_args(int argc, char **argv, char **envp)
{
	int envc = 0;

	printf("argc=%d\n", argc);
	printf("argv[0] basename=\"%s\"\n", basename_of(argv[0]));
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=\"%s\"\n", i, argv[i]);
	check(argv[argc] == NULL, "argv[argc] is NULL");
	for (; envp[envc]; envc++)
		printf("envp[%d]=\"%s\"\n", envc, envp[envc]);
	printf("envc=%d\n", envc);
	check(environ == envp, "environ is main's envp");
}

/* The first PT_LOAD maps the file's start, so the ELF header is in memory
 * just before AT_PHDR (at AT_PHDR - e_phoff). */
static void check_phdrs(void)
{
	const elf_phdr *ph = (const elf_phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);
	const elf_ehdr *eh = NULL;

	check(ph != NULL && phnum > 0, "AT_PHDR and AT_PHNUM present");
	check(getauxval(AT_PHENT) == sizeof(elf_phdr),
	      "AT_PHENT is the program header size");
	for (unsigned long i = 0; ph && i < phnum; i++)
		if (ph[i].type == PT_LOAD && ph[i].offset == 0)
			eh = (const elf_ehdr *)(uintptr_t)ph[i].vaddr;
	check(eh && memcmp(eh->ident, "\177ELF", 4) == 0,
	      "ELF header mapped by the first PT_LOAD");
	check(eh && (const char *)eh + eh->phoff == (const char *)ph,
	      "AT_PHDR is the ELF header's e_phoff");
	check(eh && eh->phnum == phnum, "AT_PHNUM matches e_phnum");
	check(eh && eh->entry == getauxval(AT_ENTRY), "AT_ENTRY matches e_entry");
}

static void check_auxv(void)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int nonzero = 0;

	printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
	check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
	check(getauxval(AT_ENTRY) == (unsigned long)(uintptr_t)_start,
	      "AT_ENTRY is _start");
	check_phdrs();
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	check(rnd && nonzero, "AT_RANDOM points at 16 random bytes");
	check(getauxval(12345) == 0, "an absent auxv entry reads as 0");
}

int main(int argc, char **argv, char **envp)
{
	const char *foo = getenv("FOO");

	echo_args(argc, argv, envp);
	printf("getenv(\"FOO\")=%s\n", foo ? foo : "(unset)");
	check(((uintptr_t)__libc_initial_sp & 15) == 0,
	      "initial stack pointer is 16-byte aligned");
	check_auxv();
	check(set_tid_address(NULL) == getpid(),
	      "set_tid_address returns the thread id (= pid)");
	/* The first process (pid 1, as on JOS when run directly) has no parent. */
	check(getpid() == 1 ? getppid() == 0 : getppid() > 0, "getppid is 0 for pid 1, else positive");
	return finish("args");
}
