/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PRFMT_H
#define PRFMT_H
char *prfmt_name(const char *what);
#endif
