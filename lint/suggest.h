/* suggest.h - "did you mean": the closest candidate by edit distance and case. */
#ifndef GL_SUGGEST_H
#define GL_SUGGEST_H

#include <stddef.h>

/*
 * The candidate closest to word: an exact case-insensitive match first, then
 * the smallest Damerau-Levenshtein distance (case-insensitive) within about a
 * third of the word's length. NULL when nothing is close.
 */
const char *gl_suggest(const char *word, const char *const *candidates, size_t count);

/* Edit distance with transpositions, ASCII case folded. */
size_t gl_edit_distance(const char *a, const char *b);

#endif
