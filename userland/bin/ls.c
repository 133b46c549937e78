/* ls [-l] [-a] [-A] [-R] [-1] [-d] [-n] [-F] [FILE]...: lists files and
 * directories, sorted by name (bytes). On a terminal the names go in
 * columns across its width; elsewhere one per line (-1 forces that).
 * -l the long format (mode, links, owner, group, size, date, name and a
 * link's target; "total" in 1 KiB blocks first), -n with numeric owner
 * and group, -a shows dot files, -A shows them but not . and .., -R
 * descends into directories, -d lists directories themselves, -F marks
 * directories with '/' and executables with '*'. Dates as GNU ls: month,
 * day and time within six months of now, else month, day and year. */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

struct entry {
	char *name;  /* as shown */
	char *path;  /* to stat and to descend into */
	struct stat st;
};

static int opt_long, opt_all, opt_almost, opt_recursive, opt_one, opt_dir, opt_numeric, opt_classify;
static int columns_mode;
static int status;
static time_t now;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* 04000 set-user-ID, 02000 set-group-ID, 01000 sticky. */
static void mode_string(mode_t m, char *out)
{
	out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
		 S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		out[1 + i] = m & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
	if (m & 04000)
		out[3] = m & 0100 ? 's' : 'S';
	if (m & 02000)
		out[6] = m & 0010 ? 's' : 'S';
	if (m & 01000)
		out[9] = m & 0001 ? 't' : 'T';
	out[10] = '\0';
}

static char suffix(mode_t m)
{
	if (!opt_classify)
		return 0;
	if (S_ISDIR(m))
		return '/';
	if (S_ISLNK(m))
		return '@';
	if (S_ISFIFO(m))
		return '|';
	if (S_ISREG(m) && (m & 0111))
		return '*';
	return 0;
}

static int digits(unsigned long long v)
{
	int d = 1;

	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

static void owner(char *buf, size_t size, unsigned id, int group)
{
	if (!opt_numeric) {
		if (group) {
			struct group *g = getgrgid(id);

			if (g) {
				snprintf(buf, size, "%s", g->gr_name);
				return;
			}
		} else {
			struct passwd *p = getpwuid(id);

			if (p) {
				snprintf(buf, size, "%s", p->pw_name);
				return;
			}
		}
	}
	snprintf(buf, size, "%u", id);
}

static void print_long(struct entry *e, int n)
{
	int wl = 1, wu = 1, wg = 1, ws = 1;
	char user[64], group[64];

	for (int i = 0; i < n; i++) {
		struct stat *st = &e[i].st;
		int d;

		if ((d = digits(st->st_nlink)) > wl)
			wl = d;
		owner(user, sizeof user, st->st_uid, 0);
		owner(group, sizeof group, st->st_gid, 1);
		if ((d = (int)strlen(user)) > wu)
			wu = d;
		if ((d = (int)strlen(group)) > wg)
			wg = d;
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
			char dev[32];

			d = snprintf(dev, sizeof dev, "%u, %u", (unsigned)(st->st_rdev >> 8) & 0xfff, (unsigned)(st->st_rdev & 0xff));
		} else {
			d = digits((unsigned long long)st->st_size);
		}
		if (d > ws)
			ws = d;
	}
	for (int i = 0; i < n; i++) {
		struct stat *st = &e[i].st;
		char mode[11], date[32], size[32];
		struct tm tm;
		time_t t = st->st_mtim.tv_sec;

		mode_string(st->st_mode, mode);
		owner(user, sizeof user, st->st_uid, 0);
		owner(group, sizeof group, st->st_gid, 1);
		gmtime_r(&t, &tm);
		/* Within six months (and not in the future): the time of day. */
		if (t <= now && now - t < 15778476)
			strftime(date, sizeof date, "%b %e %H:%M", &tm);
		else
			strftime(date, sizeof date, "%b %e  %Y", &tm);
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
			snprintf(size, sizeof size, "%u, %u", (unsigned)(st->st_rdev >> 8) & 0xfff, (unsigned)(st->st_rdev & 0xff));
		else
			snprintf(size, sizeof size, "%lld", (long long)st->st_size);
		printf("%s %*lu %-*s %-*s %*s %s %s", mode, wl, (unsigned long)st->st_nlink, wu, user, wg, group, ws, size, date, e[i].name);
		if (S_ISLNK(st->st_mode)) {
			char target[4096];
			ssize_t len = readlink(e[i].path, target, sizeof target - 1);

			if (len >= 0) {
				target[len] = '\0';
				printf(" -> %s", target);
			}
		} else if (suffix(st->st_mode)) {
			putchar(suffix(st->st_mode));
		}
		putchar('\n');
	}
}

static int terminal_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Names down the columns, as many columns as fit the terminal. */
static void print_columns(struct entry *e, int n)
{
	int width = terminal_width(), widest = 1;

	for (int i = 0; i < n; i++) {
		int w = (int)strlen(e[i].name) + (suffix(e[i].st.st_mode) != 0);

		if (w > widest)
			widest = w;
	}
	int cols = width / (widest + 2);

	if (cols < 1)
		cols = 1;
	int rows = (n + cols - 1) / cols;

	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			int i = c * rows + r;

			if (i >= n)
				break;
			char mark = suffix(e[i].st.st_mode);
			int w = (int)strlen(e[i].name) + (mark != 0);
			int last = (c + 1) * rows + r >= n;

			printf("%s", e[i].name);
			if (mark)
				putchar(mark);
			if (!last)
				printf("%*s", widest + 2 - w, "");
		}
		putchar('\n');
	}
}

static void print_entries(struct entry *e, int n)
{
	if (opt_long) {
		print_long(e, n);
	} else if (columns_mode) {
		print_columns(e, n);
	} else {
		for (int i = 0; i < n; i++) {
			char mark = suffix(e[i].st.st_mode);

			printf("%s", e[i].name);
			if (mark)
				putchar(mark);
			putchar('\n');
		}
	}
}

static void free_entries(struct entry *e, int n)
{
	for (int i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].path);
	}
	free(e);
}

static void list_directory(const char *path, int show_name, int *first)
{
	DIR *dir = opendir(path);
	struct dirent *d;
	struct entry *e = NULL;
	int n = 0, cap = 0;
	long long blocks = 0;

	if (!dir) {
		fflush(stdout);
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
		status = 2;
		return;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && !opt_all && !opt_almost)
			continue;
		if (opt_almost && !opt_all && (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0))
			continue;
		if (n == cap && !(e = realloc(e, (cap = cap ? cap * 2 : 32) * sizeof *e))) {
			fprintf(stderr, "ls: out of memory\n");
			exit(2);
		}
		size_t len = strlen(path) + strlen(d->d_name) + 2;

		e[n].name = strdup(d->d_name);
		e[n].path = malloc(len);
		snprintf(e[n].path, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", d->d_name);
		if (lstat(e[n].path, &e[n].st) < 0) {
			fflush(stdout);
			fprintf(stderr, "ls: cannot access '%s': %s\n", e[n].path, strerror(errno));
			status = 1;
			free(e[n].name);
			free(e[n].path);
			continue;
		}
		blocks += e[n].st.st_blocks;
		n++;
	}
	closedir(dir);
	if (n > 1)
		qsort(e, n, sizeof *e, by_name);
	if (show_name)
		printf("%s%s:\n", *first ? "" : "\n", path);
	*first = 0;
	if (opt_long)
		printf("total %lld\n", blocks / 2);
	print_entries(e, n);
	if (opt_recursive)
		for (int i = 0; i < n; i++)
			if (S_ISDIR(e[i].st.st_mode) && strcmp(e[i].name, ".") != 0 && strcmp(e[i].name, "..") != 0)
				list_directory(e[i].path, 1, first);
	free_entries(e, n);
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'l': opt_long = 1; break;
			case 'n': opt_long = opt_numeric = 1; break;
			case 'a': opt_all = 1; break;
			case 'A': opt_almost = 1; break;
			case 'R': opt_recursive = 1; break;
			case '1': opt_one = 1; break;
			case 'd': opt_dir = 1; break;
			case 'F': opt_classify = 1; break;
			default:
				fprintf(stderr, "ls: invalid option -- '%c'\nusage: ls [-laAR1dnF] [FILE]...\n", *p);
				return 2;
			}
		}
	}
	now = time(NULL);
	columns_mode = !opt_one && !opt_long && isatty(1);

	/* Operands: files first (together), then each directory. */
	int n = argc - i, nfiles = 0, ndirs = 0;
	struct entry *files = calloc(n + 1, sizeof *files), *dirs = calloc(n + 1, sizeof *dirs);

	if (n == 0) {
		dirs[ndirs].name = strdup(".");
		dirs[ndirs++].path = strdup(".");
	}
	for (; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", argv[i], strerror(errno));
			status = 2;
			continue;
		}
		if (S_ISDIR(st.st_mode) && !opt_dir) {
			dirs[ndirs].name = strdup(argv[i]);
			dirs[ndirs].path = strdup(argv[i]);
			dirs[ndirs++].st = st;
		} else {
			if (opt_long)
				lstat(argv[i], &st);
			files[nfiles].name = strdup(argv[i]);
			files[nfiles].path = strdup(argv[i]);
			files[nfiles++].st = st;
		}
	}
	qsort(files, nfiles, sizeof *files, by_name);
	qsort(dirs, ndirs, sizeof *dirs, by_name);
	print_entries(files, nfiles);
	int first = nfiles == 0;

	for (int d = 0; d < ndirs; d++)
		list_directory(dirs[d].path, opt_recursive || nfiles + ndirs > 1, &first);
	free_entries(files, nfiles);
	free_entries(dirs, ndirs);
	return status;
}
