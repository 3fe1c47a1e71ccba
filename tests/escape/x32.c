/* x32 syscall numbers (bit 30 set) on x86_64: the same table as x86_64
 * under other numbers. Tries x32 unshare(CLONE_NEWUSER) and getpid. */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "escape.h"

#define X32 0x40000000L

int main(void)
{
	long pid = syscall(X32 | SYS_getpid);
	if (pid == (long)getpid())
		return escaped("x32 getpid ran");
	if (syscall(X32 | SYS_unshare, CLONE_NEWUSER) == 0)
		return escaped("x32 unshare(CLONE_NEWUSER) succeeded");
	return denied("x32 syscalls", errno);
}
