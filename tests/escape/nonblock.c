/* fd 3 shares an open file description with the parent (the read end of
 * a pipe it reads). Clearing O_NONBLOCK there would make a runtime that
 * trusts the flag block its event loop in read(2). This program only
 * flips the flag; the parent proves it stays responsive. */
#include <fcntl.h>
#include "escape.h"

int main(void)
{
	int fl = fcntl(3, F_GETFL);
	if (fl < 0)
		return broken("fcntl(F_GETFL) on fd 3", errno);
	if (fcntl(3, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return denied("clearing O_NONBLOCK", errno);
	printf("flipped: O_NONBLOCK cleared on the shared description\n");
	return 0;
}
