/* The baseline of bench/spawn.mjs: `spawn N` starts /bin/true N times with
 * posix_spawn (empty environment, standard descriptors inherited) and waits
 * for each with waitpid; prints "<seconds>\t<N>" (CLOCK_MONOTONIC, the loop
 * alone). */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  int n = atoi(argv[1]);
  char* args[] = {"true", NULL};
  char* envp[] = {NULL};
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int i = 0; i < n; i++) {
    pid_t pid;
    int status;
    if (posix_spawn(&pid, "/bin/true", NULL, NULL, args, envp) != 0) return 1;
    if (waitpid(pid, &status, 0) != pid || status != 0) return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("%.6f\t%d\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9, n);
  return 0;
}
