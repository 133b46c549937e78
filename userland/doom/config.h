/* What chocolate-doom's configure script would have found on JOS: the
 * package's names, no SDL_mixer/SDL_net, no zone pooling tricks. */
#ifndef JOS_DOOM_CONFIG_H
#define JOS_DOOM_CONFIG_H
#define PACKAGE_NAME "Chocolate Doom"
#define PACKAGE_TARNAME "chocolate-doom"
#define PACKAGE_VERSION "3.0.0"
#define PACKAGE_STRING "Chocolate Doom 3.0.0"
#define PROGRAM_PREFIX "chocolate-"
#define DISABLE_SDL2MIXER 1
#define DISABLE_SDL2NET 1
#define HAVE_DIRENT_H 1
#define HAVE_DECL_STRCASECMP 1
#define HAVE_DECL_STRNCASECMP 1
#endif
