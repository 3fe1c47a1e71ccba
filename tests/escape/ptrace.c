/* Attach to a sibling process (argv[1]: its pid) with ptrace, or read its
 * memory with process_vm_readv. */
#define _GNU_SOURCE
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "escape.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		return broken("no pid", EINVAL);
	pid_t pid = (pid_t)atoi(argv[1]);
	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) == 0) {
		waitpid(pid, NULL, 0);
		ptrace(PTRACE_DETACH, pid, NULL, NULL);
		return escaped("ptrace attached to a sibling");
	}
	int e = errno;
	char buf[8];
	struct iovec local = { buf, sizeof buf }, remote = { (void *)0x400000, sizeof buf };
	if (process_vm_readv(pid, &local, 1, &remote, 1, 0) >= 0)
		return escaped("process_vm_readv read a sibling");
	if (errno == EFAULT)
		return escaped("process_vm_readv reached a sibling's memory map");
	return denied("ptrace and process_vm_readv of a sibling", e);
}
