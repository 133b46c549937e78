/* An old home of the allocator's functions: they are in <stdlib.h>. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>

#endif
