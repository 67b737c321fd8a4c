/* pseudo -- HMAC-SHA-256 pseudonyms with nettle. */
#include <errno.h>
#include <nettle/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pseudo.h"

struct pseudo {
	struct hmac_sha256_ctx key;	/* keyed once; copied per value */
};

struct pseudo *
pseudo_open(const char *key_file, char *err, size_t errlen)
{
	struct pseudo *ps;
	unsigned char key[1024];
	size_t n = 0;
	const char *env;
	FILE *fp;

	if (key_file == NULL)
		key_file = getenv("VB_KEY_FILE");
	if (key_file != NULL && *key_file != '\0') {
		if ((fp = fopen(key_file, "rb")) == NULL) {
			snprintf(err, errlen, "key file %s: %s", key_file,
			    strerror(errno));
			return NULL;
		}
		n = fread(key, 1, sizeof(key), fp);
		fclose(fp);
		while (n > 0 && (key[n - 1] == '\n' || key[n - 1] == '\r'))
			n--;
	} else if ((env = getenv("VB_KEY")) != NULL) {
		n = strlen(env);
		if (n > sizeof(key))
			n = sizeof(key);
		memcpy(key, env, n);
	} else {
		snprintf(err, errlen, "no pseudonymisation key: give "
		    "--key-file or set VB_KEY_FILE");
		return NULL;
	}
	if (n < 16) {
		snprintf(err, errlen, "pseudonymisation key is shorter than "
		    "16 bytes");
		return NULL;
	}
	ps = xcalloc(1, sizeof(*ps));
	hmac_sha256_set_key(&ps->key, n, key);
	memset(key, 0, sizeof(key));
	return ps;
}

void
pseudo_hex(const struct pseudo *ps, const char *value, size_t len, char *out)
{
	static const char hexd[] = "0123456789abcdef";
	struct hmac_sha256_ctx ctx = ps->key;
	unsigned char digest[SHA256_DIGEST_SIZE], buf[256];
	size_t i, k;

	while (len > 0 && *value == ' ')
		value++, len--;
	while (len > 0 && value[len - 1] == ' ')
		len--;
	/* Normalise in chunks so a long value needs no allocation. */
	for (i = 0; i < len; i += k) {
		for (k = 0; k < sizeof(buf) && i + k < len; k++) {
			unsigned char c = (unsigned char)value[i + k];

			buf[k] = c >= 'a' && c <= 'z' ? c - 32 : c;
		}
		hmac_sha256_update(&ctx, k, buf);
	}
	hmac_sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < 16; i++) {
		out[2 * i] = hexd[digest[i] >> 4];
		out[2 * i + 1] = hexd[digest[i] & 15];
	}
	out[32] = '\0';
}

void
pseudo_close(struct pseudo *ps)
{
	if (ps != NULL) {
		memset(ps, 0, sizeof(*ps));
		free(ps);
	}
}
