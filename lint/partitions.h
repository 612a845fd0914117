/*
 * partitions.h - the AWS partitions, transcribed from botocore's partitions.json
 * (tests/data/aws-model/partitions.json); tests/check_model.c fails when they differ.
 */
#ifndef GL_PARTITIONS_H
#define GL_PARTITIONS_H

#include <stdbool.h>
#include <stddef.h>

extern const char *const gl_partitions[];
extern const size_t gl_partition_count;

/* True when name is one of gl_partitions (exact, case-sensitive). */
bool gl_partition_is_known(const char *name);

#endif
