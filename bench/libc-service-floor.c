/* The floor of P8: the same loop of open()+close() with, before each open,
 * one round trip on an AF_UNIX SOCK_SEQPACKET socketpair to a forked C
 * process that answers at once (a request and a reply of the sizes the
 * preload library and the master exchange). No Lua, no event loop: what a
 * master could cost at best on this machine. Prints "<seconds>\t<count>". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    long count = atol(argv[2]);
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) { perror("socketpair"); return 1; }
    char buf[64] = { 0 };
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
        close(sv[0]);
        while (recv(sv[1], buf, sizeof buf, 0) > 0)
            if (send(sv[1], buf, 24, 0) != 24) _exit(1);
        _exit(0);
    }
    close(sv[1]);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < count; i++) {
        if (send(sv[0], buf, 40, 0) != 40 || recv(sv[0], buf, sizeof buf, 0) != 24) { perror("round trip"); return 1; }
        int fd = open(argv[1], O_RDONLY);
        if (fd < 0) { perror("open"); return 1; }
        close(fd);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    close(sv[0]);
    waitpid(pid, NULL, 0);
    printf("%.9f\t%ld\n", (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, count);
    return 0;
}
