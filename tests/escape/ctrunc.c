/* fd 3 is a unix seqpacket socket whose peer the parent's inbox reads.
 * Sends what a hostile actor could: more descriptors than any message
 * names (the kernel's SCM_MAX_FD, 253: the reader's control buffer is cut
 * short, MSG_CTRUNC), a datagram far longer than any message, and garbage
 * bytes. The parent proves it dropped them, leaked no descriptor and
 * still reads the next message. */
#include <sys/socket.h>
#include <unistd.h>
#include "escape.h"

#define NFDS 253

int main(void)
{
	int fds[NFDS];
	for (int i = 0; i < NFDS; i++)
		if ((fds[i] = dup(3)) < 0)
			return broken("dup", errno);
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	static char control[CMSG_SPACE(sizeof fds)];
	struct msghdr msg;
	memset(&msg, 0, sizeof msg);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = sizeof control;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(c), fds, sizeof fds);
	if (sendmsg(3, &msg, 0) < 0)
		return broken("sendmsg of 253 descriptors", errno);
	static char big[100000];
	memset(big, 'A', sizeof big);
	if (send(3, big, sizeof big, 0) < 0)
		return broken("send of a long datagram", errno);
	if (send(3, "\xff\xfe garbage", 10, 0) < 0)
		return broken("send of garbage", errno);
	printf("sent: 253 descriptors, a 100000-byte datagram, garbage\n");
	return 0;
}
