// SPDX-License-Identifier: MIT
// cc-probe-cache CACHE_DIR COMPILER [ARG...]
//
// Given to kbuild as CC="cc-probe-cache CACHE_DIR <the kernel's CC>". Every make of an
// out-of-tree module asks the compiler some thirty questions (kbuild's try-run: does it
// take this flag? `$(CC) ... -c -x c /dev/null -o .tmp_<pid>/tmp`), each a gcc, cc1 and
// as run whose only answer is the exit status; they cost about half of a small module's
// build. This wrapper remembers each answer, keyed by everything the answer depends on:
// the compiler file (path, size, mtime, inode), the working directory, every argument
// but the temporary output, and what the probe reads from stdin. Anything that is not
// such a probe is the compiler itself (exec, nothing in between).

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s, strlen(s) + 1);
}

/* The -o argument of a try-run probe: <dir>/.tmp_<pid>/tmp. */
static int probe_output(const char *path)
{
	size_t n = strlen(path);
	const char *slash;

	if (n < 4 || strcmp(path + n - 4, "/tmp") != 0)
		return 0;
	for (slash = path + n - 5; slash > path && *slash != '/'; slash--)
		;
	return strncmp(slash == path ? slash : slash + 1, ".tmp_", 5) == 0;
}

/* The compiler file as exec would find it, for its identity. */
static int find_program(const char *name, struct stat *st)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(name, '/'))
		return stat(name, st);
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");

		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, len ? path : ".", name) < (int)sizeof(buf) &&
		    access(buf, X_OK) == 0 && stat(buf, st) == 0)
			return 0;
		path += len + (path[len] == ':');
	}
	return -1;
}

static char *read_all(int fd, size_t *size)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	ssize_t got;

	while (buf && (got = read(fd, buf + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return NULL;
		}
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	*size = n;
	return buf;
}

static int run(char **argv, const char *input, size_t input_size)
{
	int fds[2] = { -1, -1 };
	pid_t pid;
	int status;

	if (input && pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (input) {
			dup2(fds[0], 0);
			close(fds[0]);
			close(fds[1]);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (input) {
		close(fds[0]);
		for (size_t off = 0; off < input_size;) {
			ssize_t w = write(fds[1], input + off, input_size - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += w;
		}
		close(fds[1]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 2 ? argv[1] : NULL;
	char **cc = argv + 2;
	int probe = 0, from_stdin = 0;
	char *input = NULL;
	size_t input_size = 0;
	struct stat st;
	char cwd[4096], entry[4096], tmp[4200], answer[16];
	uint64_t h = 0xcbf29ce484222325ULL;
	int status, fd;

	if (!dir) {
		fprintf(stderr, "usage: cc-probe-cache CACHE_DIR COMPILER [ARG...]\n");
		return 2;
	}
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc && probe_output(argv[i + 1]))
			probe = 1;
		if (strcmp(argv[i], "-") == 0)
			from_stdin = 1;
	}
	if (!probe || find_program(cc[0], &st) != 0 || !getcwd(cwd, sizeof(cwd))) {
		execvp(cc[0], cc);
		fprintf(stderr, "cc-probe-cache: cannot run %s: %s\n", cc[0], strerror(errno));
		return 127;
	}

	h = fnv_str(h, "cc-probe-cache 1");
	h = fnv(h, &st.st_size, sizeof(st.st_size));
	h = fnv(h, &st.st_mtim, sizeof(st.st_mtim));
	h = fnv(h, &st.st_ino, sizeof(st.st_ino));
	h = fnv_str(h, cwd);
	for (int i = 2; i < argc; i++) {
		if (i > 3 && strcmp(argv[i - 1], "-o") == 0)
			continue;
		h = fnv_str(h, argv[i]);
	}
	if (from_stdin) {
		input = read_all(0, &input_size);
		if (!input)
			return 1;
		h = fnv(h, input, input_size);
	}
	snprintf(entry, sizeof(entry), "%s/%016llx", dir, (unsigned long long)h);

	fd = open(entry, O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, answer, sizeof(answer) - 1);

		close(fd);
		if (n > 0) {
			answer[n] = 0;
			return atoi(answer);
		}
	}

	status = run(cc, input, input_size);
	if (status < 0) {
		fprintf(stderr, "cc-probe-cache: cannot run %s: %s\n", cc[0], strerror(errno));
		return 127;
	}
	if (!WIFEXITED(status))
		return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	/* Remember only real answers: 127/126 say the compiler could not even start. */
	if (WEXITSTATUS(status) < 126) {
		snprintf(tmp, sizeof(tmp), "%s.%d", entry, (int)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			int len = snprintf(answer, sizeof(answer), "%d\n", WEXITSTATUS(status));
			int ok = write(fd, answer, len) == len;

			close(fd);
			if (!ok || rename(tmp, entry) != 0)
				unlink(tmp);
		}
	}
	return WEXITSTATUS(status);
}
