/* regerror: glibc's message for each error code. */
#include <regex.h>
#include <string.h>

static const char *const messages[] = {
	[REG_NOERROR] = "Success",
	[REG_NOMATCH] = "No match",
	[REG_BADPAT] = "Invalid regular expression",
	[REG_ECOLLATE] = "Invalid collation character",
	[REG_ECTYPE] = "Invalid character class name",
	[REG_EESCAPE] = "Trailing backslash",
	[REG_ESUBREG] = "Invalid back reference",
	[REG_EBRACK] = "Unmatched [, [^, [:, [., or [=",
	[REG_EPAREN] = "Unmatched ( or \\(",
	[REG_EBRACE] = "Unmatched \\{",
	[REG_BADBR] = "Invalid content of \\{\\}",
	[REG_ERANGE] = "Invalid range end",
	[REG_ESPACE] = "Memory exhausted",
	[REG_BADRPT] = "Invalid preceding regular expression",
	[REG_EEND] = "Premature end of regular expression",
	[REG_ESIZE] = "Regular expression too big",
	[REG_ERPAREN] = "Unmatched ) or \\)",
};

size_t regerror(int err, const regex_t *re, char *buf, size_t size)
{
	const char *msg = err >= 0 && err <= REG_ERPAREN ? messages[err]
							 : "Unknown error";
	size_t n = strlen(msg) + 1;

	(void)re;
	if (size > 0) {
		size_t k = n < size ? n : size;

		memcpy(buf, msg, k - 1);
		buf[k - 1] = '\0';
	}
	return n;
}
