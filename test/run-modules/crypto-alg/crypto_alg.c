// SPDX-License-Identifier: GPL-2.0
// Registers a hash algorithm of its own: the kernel's crypto manager tests it at
// registration, which exercises the module, so modleak keeps those self-tests.
#include <linux/module.h>
#include <linux/slab.h>
#include <crypto/internal/hash.h>

struct xor8_ctx {
	u8 acc;
};

static u8 *xor8_seed;

static int xor8_init(struct shash_desc *desc)
{
	struct xor8_ctx *ctx = shash_desc_ctx(desc);

	ctx->acc = *xor8_seed;
	return 0;
}

static int xor8_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	struct xor8_ctx *ctx = shash_desc_ctx(desc);

	while (len--)
		ctx->acc ^= *data++;
	return 0;
}

static int xor8_final(struct shash_desc *desc, u8 *out)
{
	struct xor8_ctx *ctx = shash_desc_ctx(desc);

	*out = ctx->acc;
	return 0;
}

static struct shash_alg xor8_alg = {
	.digestsize = 1,
	.init = xor8_init,
	.update = xor8_update,
	.final = xor8_final,
	.descsize = sizeof(struct xor8_ctx),
	.base = {
		.cra_name = "modleak_xor8",
		.cra_driver_name = "modleak_xor8-generic",
		.cra_blocksize = 1,
		.cra_module = THIS_MODULE,
	},
};

static int __init crypto_alg_init(void)
{
	int err;

	xor8_seed = kzalloc(1, GFP_KERNEL);
	if (!xor8_seed)
		return -ENOMEM;
	err = crypto_register_shash(&xor8_alg);
	if (err)
		kfree(xor8_seed);
	return err;
}

static void __exit crypto_alg_exit(void)
{
	crypto_unregister_shash(&xor8_alg);
	kfree(xor8_seed);
}

module_init(crypto_alg_init);
module_exit(crypto_alg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: a module that registers a crypto algorithm");
