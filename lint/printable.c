/* printable.c - user text made safe to quote in a message (see printable.h). */
#include <stdio.h>
#include <string.h>

#include "printable.h"

/* The escape for byte c into esc (empty when c is written as is); its length. */
static size_t escape_of(unsigned char c, char esc[8])
{
	esc[0] = '\0';
	if (c == '\t' || c == '\r' || c == '\n')
		snprintf(esc, 8, "\\%c", c == '\t' ? 't' : c == '\r' ? 'r' : 'n');
	else if (c < 0x20 || c == 0x7f)
		snprintf(esc, 8, "\\x%02x", c);
	return strlen(esc);
}

const char *gl_printable(char *out, size_t size, const char *s, size_t len)
{
	size_t i, n = 0, need = 0, reserve;
	char esc[8];

	if (size == 0)
		return out;
	for (i = 0; i < len; i++) {
		size_t e = escape_of((unsigned char)s[i], esc);

		need += e ? e : 1;
	}
	/* Room for "..." only when the whole text does not fit. */
	reserve = need < size ? 0 : 3;
	for (i = 0; i < len; i++) {
		size_t w = escape_of((unsigned char)s[i], esc), char_len = 1;

		if (w == 0) {
			while (i + char_len < len && ((unsigned char)s[i + char_len] & 0xc0) == 0x80)
				char_len++;
			w = char_len;
		}
		if (n + w + reserve >= size)
			break;
		memcpy(out + n, esc[0] != '\0' ? esc : s + i, w);
		n += w;
		i += char_len - 1;
	}
	if (reserve && n + 3 < size) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}
