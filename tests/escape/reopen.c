/* fd 3 is a read-only descriptor handed in; reopening its /proc/self/fd
 * link read-write would gain the write access it was not given. */
#include <fcntl.h>
#include <unistd.h>
#include "escape.h"

int main(void)
{
	int fd = open("/proc/self/fd/3", O_RDWR);
	if (fd >= 0)
		return escaped("reopened the read-only fd read-write");
	int e = errno;
	char c;
	if (read(3, &c, 1) != 1)
		return broken("the handed-in fd does not read", errno);
	return denied("reopen through /proc/self/fd (the fd itself still reads)", e);
}
