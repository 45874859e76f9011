// SPDX-License-Identifier: GPL-2.0
#define dev_fmt(fmt) "qa-plat: " fmt
#define pr_fmt(fmt) KBUILD_MODNAME ":%s: " fmt, __func__

#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/device.h>
#include <linux/version.h>

struct qa_priv {
	struct device *dev;
	const char *label;
	u32 *regs;
	char *scratch;
	int nregs;
};

static int nregs = 16;
module_param(nregs, int, 0444);
MODULE_PARM_DESC(nregs, "number of fake registers");

static int qa_probe(struct platform_device *pdev)
{
	struct qa_priv *priv;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->nregs = nregs;
	priv->regs = devm_kcalloc(&pdev->dev, nregs, sizeof(*priv->regs), GFP_KERNEL);
	if (!priv->regs)
		return -ENOMEM;
	priv->label = devm_kasprintf(&pdev->dev, GFP_KERNEL, "%s-%d", pdev->name, pdev->id);
	if (!priv->label)
		return -ENOMEM;
	priv->scratch = kzalloc(128, GFP_KERNEL);
	if (!priv->scratch)
		return -ENOMEM;
	platform_set_drvdata(pdev, priv);
	dev_info(&pdev->dev, "probed %s with %d regs\n", priv->label, priv->nregs);
	pr_info("ok\n");
	return 0;
}

static void qa_teardown(struct platform_device *pdev)
{
	struct qa_priv *priv = platform_get_drvdata(pdev);

	kfree(priv->scratch);
	devm_kfree(&pdev->dev, priv->regs);
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void qa_remove(struct platform_device *pdev)
{
	qa_teardown(pdev);
}
#else
static int qa_remove(struct platform_device *pdev)
{
	qa_teardown(pdev);
	return 0;
}
#endif

static struct platform_driver qa_driver = {
	.probe = qa_probe,
	.remove = qa_remove,
	.driver = {
		.name = "qa_plat",
	},
};

static struct platform_device *qa_pdev;

static int __init qa_init(void)
{
	int ret;

	ret = platform_driver_register(&qa_driver);
	if (ret)
		return ret;
	qa_pdev = platform_device_register_simple("qa_plat", 0, NULL, 0);
	if (IS_ERR(qa_pdev)) {
		platform_driver_unregister(&qa_driver);
		return PTR_ERR(qa_pdev);
	}
	return 0;
}

static void __exit qa_exit(void)
{
	platform_device_unregister(qa_pdev);
	platform_driver_unregister(&qa_driver);
}

module_init(qa_init);
module_exit(qa_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: platform driver with devm and plain allocations");
