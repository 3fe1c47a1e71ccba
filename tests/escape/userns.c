/* A new user namespace (root inside, the door to most kernel attack
 * surface) by unshare(2), clone(2) and clone3(2). */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "escape.h"

int main(void)
{
	if (unshare(CLONE_NEWUSER) == 0)
		return escaped("unshare(CLONE_NEWUSER)");
	int e1 = errno;
	long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		return escaped("clone(CLONE_NEWUSER)");
	}
	struct clone_args args;
	memset(&args, 0, sizeof args);
	args.flags = CLONE_NEWUSER;
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof args);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		return escaped("clone3(CLONE_NEWUSER)");
	}
	return denied("unshare/clone/clone3 of a user namespace", e1);
}
