/* Video through Linux's framebuffer device, /dev/fb0: the engine draws
 * its 320x200 8-bit frame in I_VideoBuffer; each finished frame is copied
 * to the device's memory (mmap, or pwrite where mapping is not offered)
 * and shown with FBIOPAN_DISPLAY, and palettes go in with FBIOPUTCMAP.
 * Without /dev/fb0 (a native build on a desktop) the game runs headless.
 *
 * -framehash TIC prints a checksum of the frame shown at game tic TIC
 * (pixels and palette) and where the player is, and -frameout FILE also
 * writes the frame as a PPM (-framequit: then quit): the same build on the boards and natively
 * must show the same frame, and scripted keys must move the player. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "d_loop.h"
#include "doomstat.h"
#include "doomtype.h"
#include "i_system.h"
#include "i_video.h"
#include "jos_platform.h"
#include "m_argv.h"
#include "tables.h"
#include "v_video.h"
#include "w_wad.h"
#include "z_zone.h"

#define FRAME_BYTES (SCREENWIDTH * SCREENHEIGHT)

char *video_driver = "";
boolean screenvisible = true;
int vanilla_keyboard_mapping = 1;
boolean screensaver_mode = false;
int usegamma = 0;
pixel_t *I_VideoBuffer = NULL;
int screen_width = SCREENWIDTH;
int screen_height = SCREENHEIGHT;
int fullscreen = 1;
int aspect_ratio_correct = 1;
int integer_scaling = 0;
int vga_porch_flash = 0;
int force_software_renderer = 1;
int png_screenshots = 0;
char *window_position = "";
int usemouse = 0;

static int fb = -1;
static uint8_t *fb_memory; /* the mapping, or NULL: pwrite instead */
static size_t fb_length;
/* The palette as shown, 8 bits per component, after gamma. */
static uint8_t palette[256 * 3];
static int hash_tic = -1;
static const char *frame_file;
static boolean quit_after_frame;

static void open_framebuffer(void)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;

	fb = open("/dev/fb0", O_RDWR);
	if (fb < 0) {
		printf("I_InitGraphics: no /dev/fb0 (%s): running without a screen\n", strerror(errno));
		return;
	}
	if (ioctl(fb, FBIOGET_VSCREENINFO, &var) < 0 || ioctl(fb, FBIOGET_FSCREENINFO, &fix) < 0)
		I_Error("I_InitGraphics: /dev/fb0 does not answer the fbdev ioctls: %s", strerror(errno));
	if (var.xres != SCREENWIDTH || var.yres != SCREENHEIGHT || var.bits_per_pixel != 8 || fix.line_length != SCREENWIDTH)
		I_Error("I_InitGraphics: /dev/fb0 is %ux%u at %u bits per pixel; Doom needs %dx%d at 8", var.xres, var.yres,
			var.bits_per_pixel, SCREENWIDTH, SCREENHEIGHT);
	fb_length = fix.smem_len;
	void *mapped = mmap(NULL, fb_length, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0);
	fb_memory = mapped == MAP_FAILED ? NULL : mapped;
	printf("I_InitGraphics: /dev/fb0, %dx%d, 8 bits, %s\n", SCREENWIDTH, SCREENHEIGHT,
	       fb_memory ? "mapped" : "written with pwrite");
}

void I_InitGraphics(void)
{
	int p = M_CheckParmWithArgs("-framehash", 1);

	if (p > 0)
		hash_tic = atoi(myargv[p + 1]);
	quit_after_frame = M_ParmExists("-framequit");
	p = M_CheckParmWithArgs("-frameout", 1);
	if (p > 0)
		frame_file = myargv[p + 1];
	I_VideoBuffer = Z_Malloc(FRAME_BYTES, PU_STATIC, NULL);
	memset(I_VideoBuffer, 0, FRAME_BYTES);
	V_RestoreBuffer();
	open_framebuffer();
	JOS_InitInput();
	I_SetPalette(W_CacheLumpName("PLAYPAL", PU_CACHE));
	screenvisible = true;
}

void I_ShutdownGraphics(void)
{
	if (fb_memory)
		munmap(fb_memory, fb_length);
	if (fb >= 0)
		close(fb);
	fb_memory = NULL;
	fb = -1;
}

void I_SetPalette(byte *doom_palette)
{
	uint16_t red[256], green[256], blue[256];
	struct fb_cmap cmap = { 0, 256, red, green, blue, NULL };

	/* A VGA DAC keeps 6 bits per component: the low two are lost. */
	for (int i = 0; i < 256 * 3; i++)
		palette[i] = gammatable[usegamma][doom_palette[i]] & ~3;
	if (fb < 0)
		return;
	for (int i = 0; i < 256; i++) {
		red[i] = (uint16_t)(palette[3 * i] * 0x101);
		green[i] = (uint16_t)(palette[3 * i + 1] * 0x101);
		blue[i] = (uint16_t)(palette[3 * i + 2] * 0x101);
	}
	if (ioctl(fb, FBIOPUTCMAP, &cmap) < 0)
		I_Error("I_SetPalette: FBIOPUTCMAP: %s", strerror(errno));
}

int I_GetPaletteIndex(int r, int g, int b)
{
	int best = 0, best_distance = 1 << 30;

	for (int i = 0; i < 256; i++) {
		int dr = r - palette[3 * i], dg = g - palette[3 * i + 1], db = b - palette[3 * i + 2];
		int distance = dr * dr + dg * dg + db * db;

		if (distance < best_distance) {
			best = i;
			best_distance = distance;
		}
		if (distance == 0)
			break;
	}
	return best;
}

/* FNV-1a over the pixels, then the palette. */
static uint32_t frame_hash(void)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < FRAME_BYTES; i++)
		h = (h ^ I_VideoBuffer[i]) * 16777619u;
	for (int i = 0; i < 256 * 3; i++)
		h = (h ^ palette[i]) * 16777619u;
	return h;
}

static void write_frame(const char *path)
{
	FILE *out = fopen(path, "wb");

	if (out == NULL) {
		fprintf(stderr, "-frameout %s: %s\n", path, strerror(errno));
		return;
	}
	fprintf(out, "P6\n%d %d\n255\n", SCREENWIDTH, SCREENHEIGHT);
	for (int i = 0; i < FRAME_BYTES; i++)
		fwrite(&palette[3 * I_VideoBuffer[i]], 1, 3, out);
	fclose(out);
}

static void capture_frame(void)
{
	if (hash_tic < 0 || gametic < hash_tic)
		return;
	printf("frame at tic %d: %08x\n", gametic, (unsigned)frame_hash());
	if (players[consoleplayer].mo != NULL) {
		const mobj_t *mo = players[consoleplayer].mo;

		printf("player at %d,%d facing %u\n", mo->x >> FRACBITS, mo->y >> FRACBITS, (unsigned)(mo->angle >> 24));
	}
	fflush(stdout);
	if (frame_file)
		write_frame(frame_file);
	hash_tic = -1;
	if (quit_after_frame)
		I_Quit();
}

void I_FinishUpdate(void)
{
	capture_frame();
	if (fb < 0)
		return;
	if (fb_memory) {
		struct fb_var_screeninfo var;

		memcpy(fb_memory, I_VideoBuffer, FRAME_BYTES);
		memset(&var, 0, sizeof var);
		var.xres = SCREENWIDTH;
		var.yres = SCREENHEIGHT;
		var.bits_per_pixel = 8;
		if (ioctl(fb, FBIOPAN_DISPLAY, &var) < 0)
			I_Error("I_FinishUpdate: FBIOPAN_DISPLAY: %s", strerror(errno));
	} else if (pwrite(fb, I_VideoBuffer, FRAME_BYTES, 0) != FRAME_BYTES) {
		I_Error("I_FinishUpdate: writing /dev/fb0: %s", strerror(errno));
	}
}

void I_ReadScreen(pixel_t *screen)
{
	memcpy(screen, I_VideoBuffer, FRAME_BYTES);
}

void I_UpdateNoBlit(void) {}
void I_StartFrame(void) {}
void I_BeginRead(void) {}
void I_GraphicsCheckCommandLine(void) {}
void I_CheckIsScreensaver(void) {}
void I_SetGrabMouseCallback(grabmouse_callback_t callback) { (void)callback; }
void I_DisplayFPSDots(boolean on) { (void)on; }
void I_BindVideoVariables(void) {}
void I_SetWindowTitle(const char *title) { (void)title; }
void I_InitWindowTitle(void) {}
void I_InitWindowIcon(void) {}
void I_RegisterWindowIcon(const unsigned int *icon, int width, int height)
{
	(void)icon;
	(void)width;
	(void)height;
}
void I_EnableLoadingDisk(int x, int y)
{
	(void)x;
	(void)y;
}
void I_GetWindowPosition(int *x, int *y, int w, int h)
{
	(void)w;
	(void)h;
	*x = 0;
	*y = 0;
}
