/* Signal the parent (the runtime that spawned us). Signal 0 probes,
 * SIGURG is ignored by default so a success harms nothing. */
#include <signal.h>
#include <unistd.h>
#include "escape.h"

int main(void)
{
	pid_t parent = getppid();
	if (kill(parent, 0) == 0 || kill(parent, SIGURG) == 0)
		return escaped("signalled the parent");
	return denied("kill() of the parent", errno);
}
