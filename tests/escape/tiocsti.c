/* TIOCSTI pushes bytes into a terminal's input, as if typed (fd 3: a pty
 * master handed in). Also the variant with bits above 32 set in the
 * request, which the kernel truncates to int but a naive filter compares
 * in full. */
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "escape.h"

int main(void)
{
	char c = '#';
	if (syscall(SYS_ioctl, 3, (unsigned long)TIOCSTI, &c) == 0)
		return escaped("TIOCSTI");
	int e = errno;
	if (e == EBADF || e == ENOTTY)
		return broken("fd 3 is no terminal", e);
	if (syscall(SYS_ioctl, 3, (unsigned long)TIOCSTI | 0x100000000UL, &c) == 0)
		return escaped("TIOCSTI | 0x100000000");
	return denied("TIOCSTI and its high-bits variant", e);
}
