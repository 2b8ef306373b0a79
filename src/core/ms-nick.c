/* ms-nick.c — finding a value by its JSON name in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-nick"

#include "config.h"

#include <string.h>

#include "ms-nick.h"

int
ms_nick_index (gconstpointer  table,
               guint          n,
               gsize          stride,
               const char    *nick)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (nick != NULL, -1);

  for (guint i = 0; i < n; i++)
    {
      const char *name = *(const char * const *) ((const guint8 *) table + i * stride);

      if (name != NULL && strcmp (name, nick) == 0)
        return (int) i;
    }
  return -1;
}
