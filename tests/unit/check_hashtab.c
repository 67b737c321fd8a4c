/* check_hashtab -- unit tests for lib/hashtab: ids, field boundaries, keys
 * of every length around the 4/8/16-byte load sizes, growth, sorting against
 * a brute-force order, and a collision check of the hash. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"

Suite	*hashtab_suite(void);

static uint32_t
get2(struct hashtab *t, const char *a, size_t la, const char *b, size_t lb,
    bool *added)
{
	struct field f[2] = { { a, la }, { b, lb } };

	return hashtab_get(t, f, hashtab_hash(t, f), added);
}

START_TEST(test_ids)
{
	struct hashtab *t = hashtab_new(2, 0);
	bool added;
	struct field k;

	ck_assert_uint_eq(get2(t, "2018", 4, "WK01", 4, &added), 0);
	ck_assert(added);
	ck_assert_uint_eq(get2(t, "2018", 4, "WK02", 4, &added), 1);
	ck_assert(added);
	ck_assert_uint_eq(get2(t, "2018", 4, "WK01", 4, &added), 0);
	ck_assert(!added);
	/* Field boundaries count: "ab","c" is not "a","bc". */
	ck_assert_uint_eq(get2(t, "ab", 2, "c", 1, &added), 2);
	ck_assert_uint_eq(get2(t, "a", 1, "bc", 2, &added), 3);
	ck_assert(added);
	/* Empty fields are keys too. */
	ck_assert_uint_eq(get2(t, "", 0, "", 0, &added), 4);
	ck_assert_uint_eq(get2(t, "", 0, "", 0, &added), 4);
	ck_assert(!added);
	ck_assert_uint_eq(hashtab_count(t), 5);
	k = hashtab_key(t, 3, 1);
	ck_assert_uint_eq(k.len, 2);
	ck_assert_str_eq(k.p, "bc");
	k = hashtab_key(t, 4, 0);
	ck_assert_uint_eq(k.len, 0);
	ck_assert_str_eq(k.p, "");
	hashtab_free(t);
}
END_TEST

/* Keys that differ in one byte at every position, for lengths 0..40: the
 * loads overlap differently at 4, 8 and 16 bytes, and a byte past the key
 * must never matter. */
START_TEST(test_lengths)
{
	struct hashtab *t = hashtab_new(1, 0);
	char buf[64], pad[64];
	struct field f;
	size_t len, pos;
	uint32_t id, want = 0;
	bool added;

	for (len = 0; len <= 40; len++) {
		memset(buf, 'x', sizeof(buf));
		f.p = buf;
		f.len = len;
		id = hashtab_get(t, &f, hashtab_hash(t, &f), &added);
		ck_assert_msg(added && id == want, "len %zu", len);
		want++;
		for (pos = 0; pos < len; pos++) {
			buf[pos] = 'y';
			id = hashtab_get(t, &f, hashtab_hash(t, &f), &added);
			ck_assert_msg(added && id == want, "len %zu pos %zu",
			    len, pos);
			want++;
			/* The same key in another buffer with other bytes
			 * after it finds the same id. */
			memcpy(pad, buf, len);
			memset(pad + len, 'z', sizeof(pad) - len);
			f.p = pad;
			ck_assert_uint_eq(hashtab_find(t, &f,
			    hashtab_hash(t, &f)), id);
			f.p = buf;
			buf[pos] = 'x';
		}
	}
	ck_assert_uint_eq(hashtab_count(t), want);
	hashtab_free(t);
}
END_TEST

/* Data beside the keys: zeroed when added, aligned, and still in place
 * (with what was written) after the table has grown many times. */
START_TEST(test_values)
{
	enum { N = 20000 };
	struct hashtab *t = hashtab_new(1, 3 * sizeof(uint64_t) + 1);
	char buf[16];
	struct field f;
	uint64_t *v;
	uint32_t i, id;
	bool added;

	for (i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "k%u", i * 7u);
		f = field_str(buf);
		id = hashtab_get(t, &f, hashtab_hash(t, &f), &added);
		ck_assert(added && id == i);
		v = hashtab_value(t, id);
		ck_assert_uint_eq((uintptr_t)v % sizeof(uint64_t), 0);
		ck_assert(v[0] == 0 && v[1] == 0 && v[2] == 0);
		ck_assert_int_eq(((unsigned char *)v)[24], 0);
		v[0] = i;
		v[2] = (uint64_t)i * 3;
		((unsigned char *)v)[24] = 0xff;
	}
	for (i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "k%u", i * 7u);
		f = field_str(buf);
		id = hashtab_get(t, &f, hashtab_hash(t, &f), &added);
		ck_assert(!added && id == i);
		v = hashtab_value(t, id);
		ck_assert(v[0] == i && v[1] == 0 && v[2] == (uint64_t)i * 3);
		ck_assert_str_eq(hashtab_key(t, id, 0).p, buf);
	}
	hashtab_free(t);
}
END_TEST

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 50,000 keys: all found again after growing, none lost, the sorted order
 * equals a strcmp sort of "period\001area" strings (same order as field by
 * field for these keys, which hold no byte below \001). */
START_TEST(test_many_sorted)
{
	enum { N = 50000 };
	struct hashtab *t = hashtab_new(2, 0);
	char a[32], b[32], **want = calloc(N, sizeof(*want));
	uint32_t i, *ids;
	bool added;
	struct field f[2];

	ck_assert_ptr_nonnull(want);
	for (i = 0; i < N; i++) {
		/* A permutation of 0..N-1, so keys arrive unsorted. */
		uint32_t v = (uint32_t)(((uint64_t)i * 7919) % N);

		snprintf(a, sizeof(a), "%u", 2000 + v % 23);
		snprintf(b, sizeof(b), "BU%08u", v);
		ck_assert_uint_eq(get2(t, a, strlen(a), b, strlen(b), &added),
		    i);
		ck_assert(added);
		want[i] = malloc(strlen(a) + strlen(b) + 2);
		sprintf(want[i], "%s\001%s", a, b);
	}
	for (i = 0; i < N; i++) {
		f[0] = hashtab_key(t, i, 0);
		f[1] = hashtab_key(t, i, 1);
		ck_assert_uint_eq(hashtab_find(t, f, hashtab_hash(t, f)), i);
	}
	f[0].p = "1999";
	f[0].len = 4;
	ck_assert_uint_eq(hashtab_find(t, f, hashtab_hash(t, f)), UINT32_MAX);
	qsort(want, N, sizeof(*want), cmp_str);
	ids = hashtab_sorted(t);
	for (i = 0; i < N; i++) {
		char got[80];

		snprintf(got, sizeof(got), "%s\001%s",
		    hashtab_key(t, ids[i], 0).p, hashtab_key(t, ids[i], 1).p);
		ck_assert_str_eq(got, want[i]);
		free(want[i]);
	}
	free(want);
	free(ids);
	hashtab_free(t);
}
END_TEST

/* A prefix sorts first, and bytes compare unsigned ("Z" < "a" < "\xc3"). */
START_TEST(test_sort_bytes)
{
	struct hashtab *t = hashtab_new(1, 0);
	static const char *const in[] = { "a", "\xc3\xab", "Z", "ab", "", "B" };
	static const char *const want[] = { "", "B", "Z", "a", "ab",
	    "\xc3\xab" };
	struct field f;
	uint32_t *ids;
	size_t i;
	bool added;

	for (i = 0; i < 6; i++) {
		f = field_str(in[i]);
		hashtab_get(t, &f, hashtab_hash(t, &f), &added);
	}
	ids = hashtab_sorted(t);
	for (i = 0; i < 6; i++)
		ck_assert_str_eq(hashtab_key(t, ids[i], 0).p, want[i]);
	free(ids);
	hashtab_free(t);
	t = hashtab_new(1, 0);
	ck_assert_ptr_null(hashtab_sorted(t));
	hashtab_free(t);
}
END_TEST

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* No full 64-bit collision among 200,000 structured keys (period x area
 * codes, the shape that broke a weaker mix), and the slot bits spread. */
START_TEST(test_collisions)
{
	enum { N = 200000 };
	struct hashtab *t = hashtab_new(2, 0);
	uint64_t *h = malloc(N * sizeof(*h));
	unsigned bucket[256] = { 0 };
	char a[16], b[16];
	struct field f[2];
	uint32_t i, dup = 0;

	ck_assert_ptr_nonnull(h);
	for (i = 0; i < N; i++) {
		/* Distinct pairs: 65 periods times 3,077 areas. */
		snprintf(a, sizeof(a), "%u-%02u", 2014 + i % 5, i / 5 % 13);
		snprintf(b, sizeof(b), "WK%06u", i / 65);
		f[0] = field_str(a);
		f[1] = field_str(b);
		h[i] = hashtab_hash(t, f);
		bucket[h[i] & 255]++;
	}
	qsort(h, N, sizeof(*h), cmp_u64);
	for (i = 1; i < N; i++)
		dup += h[i] == h[i - 1];
	for (i = 0; i < 256; i++)
		ck_assert_msg(bucket[i] > N / 256 / 2 &&
		    bucket[i] < N / 256 * 2, "bucket %u holds %u", i,
		    bucket[i]);
	ck_assert_msg(dup == 0, "%u colliding hashes", dup);
	free(h);
	hashtab_free(t);
}
END_TEST

Suite *
hashtab_suite(void)
{
	Suite *s = suite_create("hashtab");
	TCase *tc = tcase_create("hashtab");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_lengths);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_many_sorted);
	tcase_add_test(tc, test_sort_bytes);
	tcase_add_test(tc, test_collisions);
	suite_add_tcase(s, tc);
	return s;
}
