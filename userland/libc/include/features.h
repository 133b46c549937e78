/* Feature-test macros: JOS's headers declare everything whatever is
 * defined; this only gives programs that include it the names they test. */
#ifndef _FEATURES_H
#define _FEATURES_H

#include <sys/cdefs.h>

#endif
