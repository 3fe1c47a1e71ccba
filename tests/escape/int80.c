/* i386 syscalls through int 0x80 on x86_64: the i386 table has other
 * numbers, so a filter that checks only native numbers is bypassed.
 * Tries i386 unshare(CLONE_NEWUSER) (310) and getpid (20). */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include "escape.h"

static long int80(long nr, long a)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a) : "memory");
	return ret;
}

int main(void)
{
	long pid = int80(20, 0);
	if (pid == (long)getpid())
		return escaped("i386 getpid through int 0x80 ran");
	long r = int80(310, CLONE_NEWUSER);
	if (r == 0)
		return escaped("i386 unshare(CLONE_NEWUSER) succeeded");
	return denied("int 0x80 syscalls", (int)-pid);
}
