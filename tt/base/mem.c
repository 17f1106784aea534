/*
 * mem.c - allocation that cannot fail, and the string buffer.
 */
#include "tt/base/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("tt: out of memory\n", stderr);
	exit(3);
}

void *tt_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tt_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tt_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tt_xgrow(void *ptr, size_t *capacity, size_t need, size_t size)
{
	if (need <= *capacity)
		return ptr;
	size_t cap = *capacity ? *capacity : 8;
	while (cap < need) {
		if (cap > SIZE_MAX / 2 / size)
			out_of_memory();
		cap *= 2;
	}
	*capacity = cap;
	return tt_xrealloc(ptr, cap * size);
}

char *tt_xstrdup(const char *s)
{
	return tt_xstrndup(s, strlen(s));
}

char *tt_xstrndup(const char *s, size_t n)
{
	char *p = tt_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *tt_xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return tt_xstrdup("");
	char *p = tt_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *tt_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = tt_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void tt_buf_init(tt_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void tt_buf_free(tt_buf *b)
{
	free(b->data);
	tt_buf_init(b);
}

void tt_buf_reset(tt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void tt_buf_put(tt_buf *b, const char *s, size_t n)
{
	b->data = tt_xgrow(b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void tt_buf_puts(tt_buf *b, const char *s)
{
	tt_buf_put(b, s, strlen(s));
}

void tt_buf_putc(tt_buf *b, char c)
{
	tt_buf_put(b, &c, 1);
}

void tt_buf_vprintf(tt_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n <= 0)
		return;
	b->data = tt_xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void tt_buf_printf(tt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *tt_buf_detach(tt_buf *b)
{
	char *s = b->data ? b->data : tt_xstrdup("");
	tt_buf_init(b);
	return s;
}
