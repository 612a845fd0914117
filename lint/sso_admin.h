/*
 * sso_admin.h - the IAM Identity Center operations the sender uses.
 *
 * Request bodies are built with cJSON in the service model's member order;
 * responses are read back into plain C values (struct grant_def). cJSON
 * trees never leave this module.
 *
 * Every function returns an AWS_CLIENT_* code (aws_client.h): AWS_CLIENT_OK,
 * AWS_CLIENT_DRY_RUN when the request was only printed, or a negative code
 * with *err set to a malloc'd one-line explanation such as
 * "ResourceNotFoundException: Application ... not found (HTTP 400, 1 attempt)".
 */
#ifndef GL_SSO_ADMIN_H
#define GL_SSO_ADMIN_H

#include "aws_client.h"
#include "grant_def.h"

/* DescribeApplication: *out_status gets "ENABLED" or "DISABLED" (malloc'd). */
int sso_admin_describe_application(char **out_status, char **err, struct aws_client *client,
				   const char *application_arn);

/* DescribeTrustedTokenIssuer: only whether it exists matters here. */
int sso_admin_describe_trusted_token_issuer(char **err, struct aws_client *client,
					    const char *trusted_token_issuer_arn);

/*
 * ListApplicationGrants, following NextToken to the end; every live grant
 * is appended to *out (application_arn set, path NULL). In a dry run only
 * the first page's request is printed.
 */
int sso_admin_list_application_grants(struct grant_def_list *out, char **err,
				      struct aws_client *client, const char *application_arn);

/* PutApplicationGrant with the grant's ApplicationArn, GrantType and Grant. */
int sso_admin_put_application_grant(char **err, struct aws_client *client,
				    const struct grant_def *grant);

/* The request body of PutApplicationGrant (malloc'd, compact JSON), or NULL. */
char *sso_admin_put_application_grant_body(const struct grant_def *grant);

#endif
