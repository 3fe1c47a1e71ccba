/*
 * Baselines of bench/unix-seqpacket.mjs: the same seqpacket traffic as
 * bench/lua/unix-seqpacket.lua, in C. Built by the bench script with cc.
 *
 *   unix-seqpacket rtt N        one thread, one socketpair(SOCK_SEQPACKET):
 *                               N round trips of a 64-byte message (a sends,
 *                               b receives and answers, a receives), as the
 *                               two fibers of the Lua side take turns
 *   unix-seqpacket rtt2 N       the same N round trips between two processes:
 *                               a parent and a forked child that echoes,
 *                               blocking send/recv (what a round trip to an
 *                               actor in another process cannot do without:
 *                               each message wakes the other process)
 *   unix-seqpacket oneway N S   N messages of S bytes from a parent to a
 *                               forked child over a seqpacket pair, blocking
 *                               send/recv on each side
 *
 * Prints the seconds taken (CLOCK_MONOTONIC) and a check value: the bytes
 * that arrived.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static int rtt(long n)
{
    int sv[2];
    char msg[64], buf[64];
    long got = 0;
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) die("socketpair");
    memset(msg, 'x', sizeof msg);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        if (send(sv[0], msg, sizeof msg, 0) != sizeof msg) die("send a");
        ssize_t r = recv(sv[1], buf, sizeof buf, 0);
        if (r <= 0) die("recv b");
        if (send(sv[1], buf, (size_t)r, 0) != r) die("send b");
        r = recv(sv[0], buf, sizeof buf, 0);
        if (r <= 0) die("recv a");
        got += r;
    }
    printf("%.6f\t%ld\n", now() - t0, got);
    return 0;
}

static int rtt2(long n)
{
    int sv[2];
    char msg[64], buf[64];
    long got = 0;
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) die("socketpair");
    memset(msg, 'x', sizeof msg);
    pid_t pid = fork();
    if (pid == -1) die("fork");
    if (pid == 0) {
        close(sv[0]);
        for (;;) {
            ssize_t r = recv(sv[1], buf, sizeof buf, 0);
            if (r == 0) _exit(0);
            if (r < 0) die("recv b");
            if (send(sv[1], buf, (size_t)r, 0) != r) die("send b");
        }
    }
    close(sv[1]);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        if (send(sv[0], msg, sizeof msg, 0) != sizeof msg) die("send a");
        ssize_t r = recv(sv[0], buf, sizeof buf, 0);
        if (r <= 0) die("recv a");
        got += r;
    }
    double elapsed = now() - t0;
    close(sv[0]);
    int status;
    if (waitpid(pid, &status, 0) == -1) die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "echo process failed\n");
        return 1;
    }
    printf("%.6f\t%ld\n", elapsed, got);
    return 0;
}

static int oneway(long n, size_t size)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1) die("socketpair");
    char *buf = calloc(1, size);
    if (buf == NULL) die("calloc");
    double t0 = now();
    pid_t pid = fork();
    if (pid == -1) die("fork");
    if (pid == 0) {
        close(sv[0]);
        long got = 0;
        for (long i = 0; i < n; i++) {
            ssize_t r = recv(sv[1], buf, size, 0);
            if (r <= 0) die("recv");
            got += r;
        }
        _exit(got == (long)(n * size) ? 0 : 1);
    }
    close(sv[1]);
    for (long i = 0; i < n; i++) {
        if (send(sv[0], buf, size, 0) != (ssize_t)size) die("send");
    }
    int status;
    if (waitpid(pid, &status, 0) == -1) die("waitpid");
    double elapsed = now() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "receiver failed\n");
        return 1;
    }
    printf("%.6f\t%ld\n", elapsed, (long)(n * size));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "rtt") == 0) return rtt(atol(argv[2]));
    if (argc == 3 && strcmp(argv[1], "rtt2") == 0) return rtt2(atol(argv[2]));
    if (argc == 4 && strcmp(argv[1], "oneway") == 0) return oneway(atol(argv[2]), (size_t)atol(argv[3]));
    fprintf(stderr, "usage: %s rtt N | rtt2 N | oneway N SIZE\n", argv[0]);
    return 2;
}
