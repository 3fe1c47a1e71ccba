/* Connect to an abstract unix socket (argv[1], without the leading NUL)
 * that a process outside the sandbox listens on. The name is padded with
 * NULs to the whole sun_path, as Node's listen() binds it. */
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "escape.h"

int main(int argc, char **argv)
{
	if (argc < 2)
		return broken("no socket name", EINVAL);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0)
		return broken("socket", errno);
	struct sockaddr_un a;
	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	size_t n = strlen(argv[1]);
	if (n + 1 > sizeof a.sun_path)
		return broken("name too long", EINVAL);
	memcpy(a.sun_path + 1, argv[1], n);
	if (connect(s, (struct sockaddr *)&a, (socklen_t)sizeof a) == 0)
		return escaped("connected to an abstract socket outside");
	return denied("connect to an outside abstract socket", errno);
}
