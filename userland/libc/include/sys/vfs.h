/* The Linux name for <sys/statfs.h>. */
#include <sys/statfs.h>
