/* hello: the smallest program, the first one a new kernel should run. */
#include <stdio.h>

int main(void)
{
	printf("Hello, world!\n");
	return 0;
}
