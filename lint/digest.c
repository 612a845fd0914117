/* digest.c - SHA-256 and HMAC-SHA256 through libcrypto, loaded on first use. */
#include <pthread.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "config.h"
#include "digest.h"
#include "dynlib.h"

static struct {
	__typeof__(&EVP_Digest) EVP_Digest;
	__typeof__(&EVP_sha256) EVP_sha256;
	__typeof__(&HMAC) HMAC;
} crypto;

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static int crypto_rc = -1;
static char crypto_error[256];

static void crypto_resolve(void)
{
	static const struct gl_dynlib_symbol symbols[] = {
		{ "EVP_Digest", (void **)&crypto.EVP_Digest },
		{ "EVP_sha256", (void **)&crypto.EVP_sha256 },
		{ "HMAC", (void **)&crypto.HMAC },
	};

	crypto_rc = gl_dynlib_load(GL_LIBCRYPTO_SONAME, symbols,
				   sizeof(symbols) / sizeof(symbols[0]), crypto_error,
				   sizeof(crypto_error));
}

static int crypto_load(void)
{
	pthread_once(&crypto_once, crypto_resolve);
	return crypto_rc;
}

const char *gl_digest_error(void)
{
	return crypto_error;
}

int gl_sha256(unsigned char out[32], const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0, i;

	if (crypto_load() < 0)
		return -1;
	if (crypto.EVP_Digest(data != NULL ? data : "", len, md, &md_len, crypto.EVP_sha256(),
			      NULL) != 1 ||
	    md_len != 32)
		return -1;
	for (i = 0; i < 32; i++)
		out[i] = md[i];
	return 0;
}

int gl_hmac_sha256(unsigned char out[32], const void *key, size_t key_len, const void *msg,
		   size_t msg_len)
{
	unsigned int out_len = 0;

	if (crypto_load() < 0)
		return -1;
	if (crypto.HMAC(crypto.EVP_sha256(), key, (int)key_len, msg, msg_len, out, &out_len) ==
		    NULL ||
	    out_len != 32)
		return -1;
	return 0;
}
