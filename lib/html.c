/* html -- the veiligheidsbeeld report (see html.h). */
#include <stdio.h>

#include "html.h"

void
html_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default: putc(*s, fp);
		}
	}
}

int
html_report(FILE *fp, const struct html_opts *o, char *err, size_t errlen)
{
	(void)fp; (void)o;
	snprintf(err, errlen, "not yet");
	return -1;
}
