/* An old name for <string.h>. */
#include <string.h>
