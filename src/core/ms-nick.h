/* ms-nick.h — finding a value by its JSON name in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of the entry of @table (@n entries of @stride bytes each, each
 * starting with a `const char *` name, NULL for "none") whose name is
 * @nick, or -1. Lets every enum keep its names in the table it already
 * has instead of each writing the same search loop. */
int ms_nick_index (gconstpointer  table,
                   guint          n,
                   gsize          stride,
                   const char    *nick);

#define MS_NICK_INDEX(table, nick) \
  ms_nick_index ((table), G_N_ELEMENTS (table), sizeof ((table)[0]), (nick))

G_END_DECLS
