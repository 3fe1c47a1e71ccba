/* The seccomp bench's loop (bench/seccomp.mjs): `seccomp COUNT [FILTER]`.
 * Loads the BPF in FILTER (struct sock_filter bytes) if given, then times
 * COUNT rounds of getpid() + read(/dev/zero, 1 byte) with CLOCK_MONOTONIC
 * (a vDSO call, no syscall) and prints "<seconds>\t<count>". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static unsigned char bpf[65536];

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 0;
	int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	if (count <= 0 || zero < 0)
		return 2;
	if (argc > 2) {
		int f = open(argv[2], O_RDONLY | O_CLOEXEC);
		ssize_t n = f < 0 ? -1 : read(f, bpf, sizeof bpf);
		if (n <= 0)
			return 2;
		close(f);
		struct sock_fprog prog = { (unsigned short)(n / 8), (struct sock_filter *)bpf };
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
			return 3;
	}
	struct timespec a, b;
	char c;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < count; i++) {
		if (syscall(SYS_getpid) <= 0 || read(zero, &c, 1) != 1)
			return 4;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.6f\t%ld\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, count);
	return 0;
}
