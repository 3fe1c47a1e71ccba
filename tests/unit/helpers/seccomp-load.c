/* Loads the seccomp filter read from stdin (struct sock_filter bytes),
 * then runs a few syscalls and prints "name=result" (result: the value,
 * or -errno) for the policy tests (seccomp-policy.test.ts). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char buf[65536];

static long res(long r)
{
	return r < 0 ? -errno : r;
}

static long int80(long nr)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	size_t len = 0;
	ssize_t n;
	while ((n = read(0, buf + len, sizeof buf - len)) > 0)
		len += (size_t)n;
	struct sock_fprog prog = { (unsigned short)(len / 8), (struct sock_filter *)buf };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
		perror("seccomp");
		return 2;
	}
	const char *dir = argc > 1 ? argv[1] : "/nonexistent/x";
	printf("getpid=%d\n", getpid() == (pid_t)syscall(SYS_getpid) ? 1 : 0);
	printf("mkdir=%ld\n", res(mkdir(dir, 0700)));
	printf("x32_getpid=%ld\n", res(syscall(0x40000000L | SYS_getpid)));
	printf("i386_getpid=%ld\n", int80(20) == getpid() ? 1L : int80(20));
	fflush(stdout);
	return 0;
}
