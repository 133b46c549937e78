/** `jos doom`'s defaults, apart from its code (host/cli.ts shows them in
 * the help without loading the command). */
export const DEFAULT_IWAD = '/usr/share/games/doom/freedoom1.wad';
/** RAM for the game: the IWAD (28 MiB for Freedoom) lives in the
 * initramfs, which must fit in half of RAM, then in the root file system
 * while Doom's 8 MiB zone and the rest of the system run. */
export const DOOM_MEMORY = '96M';
