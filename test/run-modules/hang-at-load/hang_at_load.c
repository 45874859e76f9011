// Module init never returns (sleeps an hour): only the host's watchdog can end the
// run, which must then be classified timeout.
#include <linux/delay.h>
#include <linux/module.h>

static int __init hang_at_load_init(void)
{
	ssleep(3600);
	return 0;
}

module_init(hang_at_load_init);
MODULE_LICENSE("GPL");
