/* flood: writes BYTES bytes (default 100 MB) of printable lines to stdout in
 * 64 KiB write()s, as fast as the console takes them. The host-I/O tests run
 * it under --timeout to check that output streams with back-pressure and
 * that a run ends on time however much the guest writes. */
#include <stdlib.h>
#include <unistd.h>

static char block[65536];

int main(int argc, char **argv)
{
	unsigned long long total = argc > 1 ? strtoull(argv[1], 0, 10) : 100ULL << 20;

	for (unsigned i = 0; i < sizeof(block); i++)
		block[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
	while (total > 0) {
		size_t n = total < sizeof(block) ? (size_t)total : sizeof(block);
		ssize_t w = write(1, block, n);
		if (w <= 0)
			return 1;
		total -= (unsigned long long)w;
	}
	return 0;
}
