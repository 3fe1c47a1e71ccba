/* Shared verdict helpers of the escape programs (see README.md).
 * Exit 0: the attempt was denied; 1: it succeeded (an escape); 2: the
 * program could not set up its attempt. One line on stdout says why. */
#ifndef ESCAPE_H
#define ESCAPE_H
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int denied(const char *what, int err)
{
	printf("denied: %s (%s)\n", what, strerror(err));
	return 0;
}

static inline int escaped(const char *what)
{
	printf("ESCAPED: %s\n", what);
	return 1;
}

static inline int broken(const char *what, int err)
{
	printf("setup failed: %s (%s)\n", what, strerror(err));
	return 2;
}
#endif
