/* No network on JOS: the UDP module the engine registers never
 * initialises, so games are local; a dedicated server is refused. */
#include <stddef.h>

#include "i_system.h"
#include "net_dedicated.h"
#include "net_defs.h"
#include "net_gui.h"
#include "net_sdl.h"

static boolean no_network(void) { return false; }
static void send_nothing(net_addr_t *addr, net_packet_t *packet) { (void)addr; (void)packet; }
static boolean receive_nothing(net_addr_t **addr, net_packet_t **packet) { (void)addr; (void)packet; return false; }
static void no_address(net_addr_t *addr, char *buffer, int length)
{
	(void)addr;
	if (length > 0)
		buffer[0] = '\0';
}
static void free_nothing(net_addr_t *addr) { (void)addr; }
static net_addr_t *resolve_nothing(const char *name) { (void)name; return NULL; }

net_module_t net_sdl_module = {
	no_network, no_network, send_nothing, receive_nothing, no_address, free_nothing, resolve_nothing,
};

void NET_WaitForLaunch(void)
{
	I_Error("JOS has no network: there is no game to wait for");
}

void NET_DedicatedServer(void)
{
	I_Error("JOS has no network: no dedicated server");
}
