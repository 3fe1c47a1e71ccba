/* TAP test of native/addon/linux_compat.h, compiled as C the way the C
 * targets of binding.gyp will compile it (-std=gnu11, warnings as errors).
 *
 * The header decides, at compile time, which kernel interfaces the addon
 * supports and supplies syscall numbers that old headers lack. The init
 * script and the preload library will include it too, so this checks that
 * it builds as C and that its numbers reach the running kernel: Landlock's
 * ABI probe and pidfd_open, called through them, must work. The harness
 * (tap.test.ts) compares the "# features:" and "# landlock-abi:" lines with
 * what the addon reports, so the C and C++ builds of the header agree.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux_compat.h"

static int test_count;

static void report(int ok, const char *what)
{
  test_count++;
  printf("%s %d - %s\n", ok ? "ok" : "not ok", test_count, what);
}

static void print_features(void)
{
  printf("# features:");
#if EMILUA_TS_HAVE_LANDLOCK
  printf(" landlock");
#endif
#if EMILUA_TS_HAVE_SECCOMP
  printf(" seccomp");
#endif
#if EMILUA_TS_HAVE_PIDFD
  printf(" pidfd");
#endif
#if EMILUA_TS_HAVE_SCM_RIGHTS
  printf(" scm_rights");
#endif
  printf("\n");
}

/* landlock_create_ruleset(NULL, 0, VERSION) gives the ABI version. */
static void test_landlock(void)
{
#if EMILUA_TS_HAVE_LANDLOCK
  long abi = syscall(__NR_landlock_create_ruleset, NULL, (size_t) 0, LANDLOCK_CREATE_RULESET_VERSION);
  printf("# landlock-abi: %ld\n", abi < 0 ? (long) -errno : abi);
  report(abi >= 1, "the Landlock ABI probe answers with a version");
#else
  printf("# landlock-abi: %d\n", -ENOSYS);
  report(1, "Landlock is absent from this build");
#endif
}

/* A pidfd of a child becomes readable once the child has exited. */
static void test_pidfd(void)
{
#if EMILUA_TS_HAVE_PIDFD
  pid_t child = fork();
  if (child == -1) {
    report(0, "fork for pidfd_open");
    return;
  }
  if (child == 0) _exit(7);
  int pidfd = (int) syscall(__NR_pidfd_open, child, 0);
  report(pidfd >= 0, "pidfd_open accepts a child's pid");
  if (pidfd >= 0) {
    struct pollfd p = { .fd = pidfd, .events = POLLIN, .revents = 0 };
    /* The timeout only guards against a hang; the child exits at once. */
    int ready = poll(&p, 1, 10000);
    report(ready == 1 && (p.revents & POLLIN), "the pidfd turns readable when the child exits");
    close(pidfd);
  } else {
    report(0, "the pidfd turns readable when the child exits");
  }
  int status = 0;
  pid_t reaped = waitpid(child, &status, 0);
  report(reaped == child && WIFEXITED(status) && WEXITSTATUS(status) == 7, "the child is reaped with its status");
#else
  report(1, "pidfd is absent from this build");
#endif
}

int main(void)
{
  setvbuf(stdout, NULL, _IONBF, 0);
  print_features();
  test_landlock();
  test_pidfd();
  printf("1..%d\n", test_count);
  return 0;
}
