/* openat(2) as a raw syscall, around libc and any wrapper a sandbox might
 * have interposed. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "escape.h"

int main(void)
{
	long fd = syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
	if (fd >= 0)
		return escaped("raw openat of /etc/passwd");
	return denied("raw syscall(SYS_openat)", errno);
}
