/*
 * modleak's guest helper, one static binary with three jobs.
 *
 * "PORT END-MARKER" (the record streamer) copies every /dev/kmsg record, raw
 * ("prio,seq,usec,flags;message"), to the virtio-serial port given as argv[1],
 * and exits 0 after a record whose message is argv[2] (the run's own "done"
 * message, written after every module's END) has been written and synced.
 * EPIPE from /dev/kmsg means the ring buffer overwrote records we had not read
 * yet: skip on; the sequence gap tells the host how many were lost.
 * Records are batched and flushed whenever /dev/kmsg has nothing more to read.
 *
 * "--receive PORT FILE" is the other direction: waits until the host connects to the
 * payload port, reads "MODLEAK-PAYLOAD <length>\n" and then exactly <length> bytes
 * into FILE (the module, its dependencies and the test script, built while the
 * guest booted).
 *
 * "--insmod FILE [PARAMS]" loads a module with finit_module() only: busybox insmod
 * retries a failed finit_module() with init_module(), which runs a failing module
 * init twice and logs its records twice.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BATCH (256 * 1024)
#define RECORD_MAX 8192

static char batch[BATCH];
static size_t used;

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int flush_batch(int out)
{
	if (used == 0)
		return 0;
	if (write_all(out, batch, used) < 0)
		return -1;
	used = 0;
	return 0;
}

/* The message text starts after the first ';' and ends at the first '\n'. */
static int is_end_marker(const char *rec, size_t n, const char *marker)
{
	const char *semi = memchr(rec, ';', n);
	size_t mlen = strlen(marker);
	if (!semi)
		return 0;
	semi++;
	size_t left = n - (size_t)(semi - rec);
	return left >= mlen && memcmp(semi, marker, mlen) == 0 &&
	       (left == mlen || semi[mlen] == '\n');
}

/* read() on a virtio port returns 0 while the host side is not connected: wait. */
static ssize_t read_port(int fd, char *buf, size_t n)
{
	for (;;) {
		ssize_t r = read(fd, buf, n);
		if (r > 0)
			return r;
		if (r < 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		usleep(10000);
	}
}

static int receive(const char *port, const char *path)
{
	char header[64];
	size_t h = 0;
	int in = open(port, O_RDONLY);
	if (in < 0) {
		perror("modleak-receive: open port");
		return 1;
	}
	while (h < sizeof(header) - 1) {
		if (read_port(in, header + h, 1) < 0) {
			perror("modleak-receive: read port");
			return 1;
		}
		if (header[h++] == '\n')
			break;
	}
	header[h] = 0;
	unsigned long long want;
	if (sscanf(header, "MODLEAK-PAYLOAD %llu", &want) != 1) {
		fprintf(stderr, "modleak-receive: expected \"MODLEAK-PAYLOAD <length>\", got \"%s\"\n", header);
		return 1;
	}
	int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		perror("modleak-receive: open output");
		return 1;
	}
	while (want > 0) {
		size_t chunk = want < BATCH ? (size_t)want : BATCH;
		ssize_t r = read_port(in, batch, chunk);
		if (r < 0 || write_all(out, batch, (size_t)r) < 0) {
			perror("modleak-receive: copy");
			return 1;
		}
		want -= (unsigned long long)r;
	}
	close(out);
	return 0;
}

static int insmod(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "insmod: cannot open '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (syscall(SYS_finit_module, fd, params, 0) != 0) {
		fprintf(stderr, "insmod: cannot insert '%s': %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char rec[RECORD_MAX];
	unsigned long lost_reads = 0;

	if ((argc == 3 || argc == 4) && strcmp(argv[1], "--insmod") == 0)
		return insmod(argv[2], argc == 4 ? argv[3] : "");
	if (argc == 4 && strcmp(argv[1], "--receive") == 0)
		return receive(argv[2], argv[3]);
	if (argc != 3) {
		fprintf(stderr, "usage: %s PORT-DEVICE END-MARKER | --receive PORT-DEVICE FILE | --insmod FILE [PARAMS]\n", argv[0]);
		return 2;
	}
	int in = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (in < 0) {
		perror("modleak-streamer: open /dev/kmsg");
		return 1;
	}
	int out = open(argv[1], O_WRONLY);
	if (out < 0) {
		perror("modleak-streamer: open port");
		return 1;
	}
	for (;;) {
		ssize_t n = read(in, rec, sizeof(rec));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {
				lost_reads++;
				continue;
			}
			if (errno == EAGAIN) {
				if (flush_batch(out) < 0) {
					perror("modleak-streamer: write port");
					return 1;
				}
				struct pollfd p = { .fd = in, .events = POLLIN };
				poll(&p, 1, -1);
				continue;
			}
			perror("modleak-streamer: read /dev/kmsg");
			return 1;
		}
		if (n == 0)
			continue;
		if (used + (size_t)n + 1 > BATCH && flush_batch(out) < 0) {
			perror("modleak-streamer: write port");
			return 1;
		}
		memcpy(batch + used, rec, (size_t)n);
		used += (size_t)n;
		if (batch[used - 1] != '\n')
			batch[used++] = '\n';
		if (is_end_marker(rec, (size_t)n, argv[2])) {
			if (flush_batch(out) < 0) {
				perror("modleak-streamer: write port");
				return 1;
			}
			fsync(out);
			if (lost_reads)
				fprintf(stderr, "modleak-streamer: ring buffer overran %lu time(s)\n", lost_reads);
			return 0;
		}
	}
}
