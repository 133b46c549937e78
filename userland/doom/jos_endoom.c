/* The ENDOOM screen (80x25 text the game shows when it quits) is not
 * shown on JOS: the console comes back instead. */
#include "doomtype.h"
#include "i_endoom.h"

void I_Endoom(byte *data)
{
	(void)data;
}
