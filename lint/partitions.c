/* partitions.c - the AWS partition ids (see partitions.h), in the file's order. */
#include <string.h>

#include "partitions.h"

const char *const gl_partitions[] = {
	"aws",
	"aws-cn",
	"aws-eusc",
	"aws-iso",
	"aws-iso-b",
	"aws-iso-e",
	"aws-iso-f",
	"aws-us-gov",
};

const size_t gl_partition_count = sizeof(gl_partitions) / sizeof(gl_partitions[0]);

bool gl_partition_is_known(const char *name)
{
	size_t i;

	for (i = 0; i < gl_partition_count; i++)
		if (strcmp(gl_partitions[i], name) == 0)
			return true;
	return false;
}
