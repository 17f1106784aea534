/*
 * escape.c - the HTML, Markdown and terminal escapers (escape.h).
 */
#include "tt/base/escape.h"

#include <stdbool.h>
#include <string.h>

void tt_html_escape(tt_buf *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&':
			tt_buf_puts(out, "&amp;");
			break;
		case '<':
			tt_buf_puts(out, "&lt;");
			break;
		case '>':
			tt_buf_puts(out, "&gt;");
			break;
		case '"':
			tt_buf_puts(out, "&quot;");
			break;
		case '\'':
			tt_buf_puts(out, "&#39;");
			break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
				tt_buf_putc(out, ' ');
			} else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
				   (unsigned char)s[i + 1] <= 0x9F) {
				/* A C1 control (U+0080 to U+009F) is a control
				 * character too, which HTML does not allow in text. */
				tt_buf_putc(out, ' ');
				i++;
			} else if (c >= 0x80) {
				/* Copy a valid UTF-8 sequence whole; replace a bad byte. */
				size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
				if (i + len <= n && tt_utf8_valid(s + i, len, NULL)) {
					tt_buf_put(out, s + i, len);
					i += len - 1;
				} else {
					tt_buf_puts(out, "\xEF\xBF\xBD");
				}
			} else {
				tt_buf_putc(out, (char)c);
			}
		}
	}
}

void tt_md_escape(tt_buf *out, const char *s)
{
	if (!s)
		return;
	for (const char *p = s; *p; p++) {
		if (strchr("\\`*_[]<>|#!{}", *p))
			tt_buf_putc(out, '\\');
		if (*p == '\n' || *p == '\r' || *p == '\t')
			tt_buf_putc(out, ' ');
		else
			tt_buf_putc(out, *p);
	}
}

void tt_term_escape(tt_buf *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		bool c1 = c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9F;
		if (c == '\\') {
			tt_buf_puts(out, "\\\\");
		} else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xC0)) {
			tt_buf_printf(out, "\\x%02x", c);
		} else if (c < 0x80) {
			tt_buf_putc(out, (char)c);
		} else if (!c1 && i + len <= n && tt_utf8_valid(s + i, len, NULL)) {
			tt_buf_put(out, s + i, len);
			i += len - 1;
		} else {
			/* A C1 control is written as its two bytes; a bad byte alone. */
			tt_buf_printf(out, "\\x%02x", c);
		}
	}
}
