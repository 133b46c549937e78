/* /dev/fb0 as Linux's fbdev offers it (JOS only: the boards' screens).
 * Checks the ioctls, the palette, pread/pwrite, mmap, presenting, one
 * opener at a time and the errors of bad use; then, with an argument
 * SECONDS, holds a test picture on the screen (left half palette entry 1,
 * pure red; right half entry 2, pure blue) for that long, for the test's
 * screenshot. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

static uint16_t red[256], green[256], blue[256];

static int child_open(void *unused)
{
	(void)unused;
	int fd = open("/dev/fb0", O_RDWR);
	return fd < 0 && errno == EBUSY ? 0 : 1;
}

static void palette_checks(int fb)
{
	struct fb_cmap cmap = { 0, 256, red, green, blue, NULL };
	uint16_t r2[256], g2[256], b2[256];
	struct fb_cmap back = { 0, 256, r2, g2, b2, NULL };

	for (int i = 0; i < 256; i++) {
		red[i] = (uint16_t)(i * 0x101);
		green[i] = (uint16_t)((255 - i) * 0x101);
		blue[i] = (uint16_t)((i * 7 & 255) * 0x101);
	}
	red[1] = 0xffff, green[1] = 0, blue[1] = 0;
	red[2] = 0, green[2] = 0, blue[2] = 0xffff;
	check(ioctl(fb, FBIOPUTCMAP, &cmap) == 0, "FBIOPUTCMAP of 256 entries");
	check(ioctl(fb, FBIOGETCMAP, &back) == 0, "FBIOGETCMAP of 256 entries");
	check(memcmp(red, r2, sizeof red) == 0 && memcmp(green, g2, sizeof green) == 0 && memcmp(blue, b2, sizeof blue) == 0,
	      "the palette reads back as written");
	struct fb_cmap part = { 250, 6, r2, g2, b2, NULL };
	check(ioctl(fb, FBIOGETCMAP, &part) == 0 && r2[0] == red[250] && r2[5] == red[255], "a part of the palette (250..255)");
	struct fb_cmap past = { 250, 7, r2, g2, b2, NULL };
	check_errno(ioctl(fb, FBIOPUTCMAP, &past), EINVAL, "a palette past entry 255: EINVAL");
	struct fb_cmap wild = { 0, 256, (uint16_t *)8, g2, b2, NULL };
	check_errno(ioctl(fb, FBIOPUTCMAP, &wild), EFAULT, "a palette from a bad pointer: EFAULT");
	check_errno(ioctl(fb, FBIOPUTCMAP, (void *)8), EFAULT, "an fb_cmap at a bad pointer: EFAULT");
}

int main(int argc, char **argv)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	int fb = open("/dev/fb0", O_RDWR);

	if (!check(fb >= 0, "open /dev/fb0"))
		return finish("fbdev");
	check_errno(open("/dev/fb0", O_RDWR), EBUSY, "a second open: EBUSY");
	check(wait_for(spawn(child_open, NULL)) == 0, "another process's open: EBUSY");

	check(ioctl(fb, FBIOGET_VSCREENINFO, &var) == 0, "FBIOGET_VSCREENINFO");
	printf("mode %ux%u, %u bits per pixel, virtual %ux%u\n", var.xres, var.yres, var.bits_per_pixel, var.xres_virtual,
	       var.yres_virtual);
	check(ioctl(fb, FBIOGET_FSCREENINFO, &fix) == 0, "FBIOGET_FSCREENINFO");
	printf("fix: %u bytes, line %u, type %u, visual %u\n", fix.smem_len, fix.line_length, fix.type, fix.visual);
	check(fix.visual == FB_VISUAL_PSEUDOCOLOR && fix.line_length == var.xres && fix.smem_len >= var.xres * var.yres,
	      "8-bit pseudocolour, one byte per pixel");
	check_errno(ioctl(fb, FBIOGET_VSCREENINFO, (void *)8), EFAULT, "FBIOGET_VSCREENINFO to a bad pointer: EFAULT");
	check_errno(ioctl(fb, 0x46ff, &var), ENOTTY, "an unknown request: ENOTTY");
	struct fb_var_screeninfo other = var;
	other.xres = 640;
	check_errno(ioctl(fb, FBIOPUT_VSCREENINFO, &other), EINVAL, "another mode: EINVAL");
	other = var;
	other.yoffset = 8;
	check_errno(ioctl(fb, FBIOPAN_DISPLAY, &other), EINVAL, "panning: EINVAL");

	palette_checks(fb);

	size_t frame = (size_t)var.xres * var.yres;
	uint8_t *pixels = malloc(fix.smem_len), *back = malloc(fix.smem_len);
	for (size_t i = 0; i < fix.smem_len; i++)
		pixels[i] = (uint8_t)(i * 31 + (i >> 9));
	check(pwrite(fb, pixels, fix.smem_len, 0) == (ssize_t)fix.smem_len, "pwrite of the whole memory");
	check(pread(fb, back, fix.smem_len, 0) == (ssize_t)fix.smem_len && memcmp(pixels, back, fix.smem_len) == 0,
	      "pread gives it back");
	check(pread(fb, back, 16, fix.smem_len) == 0, "pread at the end: 0");
	check_errno(pwrite(fb, pixels, 16, fix.smem_len), ENOSPC, "pwrite at the end: ENOSPC");
	check_errno(pwrite(fb, pixels, 16, fix.smem_len + 1), EFBIG, "pwrite past the end: EFBIG");
	check(lseek(fb, 100, SEEK_SET) == 100 && read(fb, back, 4) == 4 && memcmp(back, pixels + 100, 4) == 0, "lseek and read");

	uint8_t *mapped = mmap(NULL, fix.smem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0);
	if (mapped == MAP_FAILED && errno == ENODEV) {
		printf("mmap: not offered by this kernel (ENODEV)\n");
	} else if (check(mapped != MAP_FAILED, "mmap of the memory, MAP_SHARED")) {
		check(memcmp(mapped, pixels, fix.smem_len) == 0, "the mapping shows what pwrite wrote");
		memset(mapped, 7, 64);
		check(pread(fb, back, 64, 0) == 64 && back[0] == 7 && back[63] == 7, "a store through the mapping reads back");
		check(mmap(NULL, fix.smem_len * 2, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 0) == MAP_FAILED && errno == EINVAL,
		      "mmap longer than the memory: EINVAL");
	}

	/* The test picture: left half entry 1 (red), right half entry 2 (blue). */
	for (size_t i = 0; i < frame; i++)
		pixels[i] = (i % var.xres) < var.xres / 2 ? 1 : 2;
	if (mapped != MAP_FAILED)
		memcpy(mapped, pixels, frame);
	else
		check(pwrite(fb, pixels, frame, 0) == (ssize_t)frame, "pwrite of the test picture");
	check(ioctl(fb, FBIOPAN_DISPLAY, &var) == 0, "FBIOPAN_DISPLAY presents");
	if (argc > 1) {
		printf("holding the picture for %s s\n", argv[1]);
		fflush(stdout);
		sleep_ms(atol(argv[1]) * 1000);
	}
	check(close(fb) == 0, "close");
	fb = open("/dev/fb0", O_RDWR);
	check(fb >= 0, "open again after close");
	close(fb);
	return finish("fbdev");
}
