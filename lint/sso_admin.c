/* sso_admin.c - DescribeApplication, DescribeTrustedTokenIssuer, ListApplicationGrants, PutApplicationGrant. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "format.h"
#include "sso_admin.h"

/* A guard against a service (or test endpoint) that never stops paging. */
#define SSO_ADMIN_MAX_PAGES 1000

/* One line saying why a call failed, from the client's response. */
static char *sso_admin_explain(const char *operation, int rc, const struct aws_response *resp)
{
	const char *what = resp->error_message != NULL ? resp->error_message : "failed";
	const char *plural = resp->attempts == 1 ? "" : "s";

	if (rc == AWS_CLIENT_ESERVICE && resp->error_type != NULL)
		return gl_format("%s: %s: %s (HTTP %ld, %d attempt%s)", operation,
					resp->error_type, what, resp->status, resp->attempts,
					plural);
	/* no error code: the message already says what happened (HTTP status, timeout) */
	return gl_format("%s: %s (%d attempt%s)", operation, what, resp->attempts, plural);
}

/*
 * Send body (a cJSON object, consumed) as operation. On AWS_CLIENT_OK,
 * *out_json is the parsed response object, for the caller to delete.
 */
static int sso_admin_call(cJSON **out_json, char **err, struct aws_client *client,
			  const char *operation, cJSON *body)
{
	struct aws_response resp;
	char *text = cJSON_PrintUnformatted(body);
	int rc;

	*err = NULL;
	if (out_json != NULL)
		*out_json = NULL;
	cJSON_Delete(body);
	if (text == NULL) {
		*err = gl_format("%s: out of memory", operation);
		return AWS_CLIENT_ERROR;
	}
	rc = aws_client_call(&resp, client, operation, text);
	cJSON_free(text);
	if (rc == AWS_CLIENT_OK && out_json != NULL) {
		*out_json = cJSON_Parse(resp.body);
		if (*out_json == NULL) {
			rc = AWS_CLIENT_ERROR;
			*err = gl_format("%s: out of memory", operation);
		}
	} else if (rc != AWS_CLIENT_OK && rc != AWS_CLIENT_DRY_RUN) {
		*err = sso_admin_explain(operation, rc, &resp);
	}
	aws_response_free(&resp);
	return rc;
}

/* {"<member>": "<value>"}, or NULL out of memory. */
static cJSON *sso_admin_body_with(const char *member, const char *value)
{
	cJSON *body = cJSON_CreateObject();

	if (body != NULL && cJSON_AddStringToObject(body, member, value) == NULL) {
		cJSON_Delete(body);
		return NULL;
	}
	return body;
}

int sso_admin_describe_application(char **out_status, char **err, struct aws_client *client,
				   const char *application_arn)
{
	cJSON *json = NULL;
	const cJSON *status;
	int rc;

	*out_status = NULL;
	rc = sso_admin_call(&json, err, client, "DescribeApplication",
			    sso_admin_body_with("ApplicationArn", application_arn));
	if (rc != AWS_CLIENT_OK)
		return rc;
	status = cJSON_GetObjectItemCaseSensitive(json, "Status");
	*out_status = strdup(cJSON_IsString(status) ? status->valuestring : "");
	cJSON_Delete(json);
	if (*out_status == NULL) {
		*err = gl_format("DescribeApplication: out of memory");
		return AWS_CLIENT_ERROR;
	}
	return AWS_CLIENT_OK;
}

int sso_admin_describe_trusted_token_issuer(char **err, struct aws_client *client,
					    const char *trusted_token_issuer_arn)
{
	return sso_admin_call(NULL, err, client, "DescribeTrustedTokenIssuer",
			      sso_admin_body_with("TrustedTokenIssuerArn",
						  trusted_token_issuer_arn));
}

/* A JSON array of strings into a string array; -2 when it is something else. */
static int sso_admin_strings(char ***items, size_t *count, const cJSON *array)
{
	const cJSON *item;

	if (!cJSON_IsArray(array))
		return -2;
	cJSON_ArrayForEach(item, array) {
		if (!cJSON_IsString(item))
			return -2;
		if (grant_def_strings_push(items, count, item->valuestring) < 0)
			return -1;
	}
	return 0;
}

/* One GrantItem of ListApplicationGrants into *out. 0, -1 OOM, -2 unexpected shape. */
static int sso_admin_grant_from_json(struct grant_def *out, const char *application_arn,
				     const cJSON *item)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "GrantType");
	const cJSON *grant = cJSON_GetObjectItemCaseSensitive(item, "Grant");
	const cJSON *member, *list, *iss;
	int rc;

	if (!cJSON_IsString(type) || !cJSON_IsObject(grant) || cJSON_GetArraySize(grant) != 1)
		return -2;
	member = grant->child;
	if (!cJSON_IsObject(member))
		return -2;
	out->application_arn = strdup(application_arn);
	out->grant_type = strdup(type->valuestring);
	out->member = strdup(member->string);
	if (out->application_arn == NULL || out->grant_type == NULL || out->member == NULL)
		return -1;
	if (strcmp(out->member, "AuthorizationCode") == 0 &&
	    (list = cJSON_GetObjectItemCaseSensitive(member, "RedirectUris")) != NULL) {
		out->has_redirect_uris = true;
		if ((rc = sso_admin_strings(&out->redirect_uris, &out->redirect_uri_count, list)) < 0)
			return rc;
	}
	if (strcmp(out->member, "JwtBearer") == 0 &&
	    (list = cJSON_GetObjectItemCaseSensitive(member, "AuthorizedTokenIssuers")) != NULL) {
		out->has_issuers = true;
		if (!cJSON_IsArray(list))
			return -2;
		out->issuers = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(*out->issuers));
		if (out->issuers == NULL)
			return -1;
		cJSON_ArrayForEach(iss, list) {
			struct grant_def_issuer *gi = &out->issuers[out->issuer_count++];
			const cJSON *arn = cJSON_GetObjectItemCaseSensitive(iss, "TrustedTokenIssuerArn");
			const cJSON *aud = cJSON_GetObjectItemCaseSensitive(iss, "AuthorizedAudiences");

			if (!cJSON_IsString(arn))
				return -2;
			gi->trusted_token_issuer_arn = strdup(arn->valuestring);
			if (gi->trusted_token_issuer_arn == NULL)
				return -1;
			if (aud != NULL &&
			    (rc = sso_admin_strings(&gi->audiences, &gi->audience_count, aud)) < 0)
				return rc;
		}
	}
	return 0;
}

int sso_admin_list_application_grants(struct grant_def_list *out, char **err,
				      struct aws_client *client, const char *application_arn)
{
	char *next_token = NULL;
	int pages, rc = AWS_CLIENT_ERROR;

	*err = NULL;
	for (pages = 0; pages < SSO_ADMIN_MAX_PAGES; pages++) {
		cJSON *body = sso_admin_body_with("ApplicationArn", application_arn);
		cJSON *json = NULL;
		const cJSON *grants, *item, *token;

		if (body != NULL && next_token != NULL &&
		    cJSON_AddStringToObject(body, "NextToken", next_token) == NULL) {
			cJSON_Delete(body);
			body = NULL;
		}
		rc = sso_admin_call(&json, err, client, "ListApplicationGrants", body);
		if (rc != AWS_CLIENT_OK)
			goto done;
		grants = cJSON_GetObjectItemCaseSensitive(json, "Grants");
		if (!cJSON_IsArray(grants)) {
			cJSON_Delete(json);
			rc = AWS_CLIENT_EPROTOCOL;
			*err = gl_format("ListApplicationGrants: the response has no Grants list");
			goto done;
		}
		cJSON_ArrayForEach(item, grants) {
			struct grant_def *g = grant_def_list_push(out);
			int grc = g != NULL ? sso_admin_grant_from_json(g, application_arn, item) : -1;

			if (grc < 0) {
				cJSON_Delete(json);
				rc = grc == -1 ? AWS_CLIENT_ERROR : AWS_CLIENT_EPROTOCOL;
				*err = gl_format(grc == -1 ?
							"ListApplicationGrants: out of memory" :
							"ListApplicationGrants: a grant in the "
							"response does not have the model's shape");
				goto done;
			}
		}
		token = cJSON_GetObjectItemCaseSensitive(json, "NextToken");
		free(next_token);
		next_token = cJSON_IsString(token) && *token->valuestring != '\0' ?
			strdup(token->valuestring) : NULL;
		cJSON_Delete(json);
		if (next_token == NULL)
			goto done;
	}
	rc = AWS_CLIENT_EPROTOCOL;
	*err = gl_format("ListApplicationGrants: more than %d pages; giving up",
				SSO_ADMIN_MAX_PAGES);
done:
	free(next_token);
	return rc;
}

/* Add a JSON array of strings named name to obj. 0 or -1. */
static int sso_admin_add_strings(cJSON *obj, const char *name, char *const *items, size_t count)
{
	cJSON *array = cJSON_AddArrayToObject(obj, name);
	size_t i;

	if (array == NULL)
		return -1;
	for (i = 0; i < count; i++) {
		cJSON *s = cJSON_CreateString(items[i]);

		if (s == NULL || !cJSON_AddItemToArray(array, s)) {
			cJSON_Delete(s);
			return -1;
		}
	}
	return 0;
}

/* The PutApplicationGrantRequest object, members in the model's order. */
static cJSON *sso_admin_put_body(const struct grant_def *g)
{
	cJSON *body = cJSON_CreateObject(), *grant, *member, *issuers, *iss;
	size_t i;

	if (body == NULL ||
	    cJSON_AddStringToObject(body, "ApplicationArn", g->application_arn) == NULL ||
	    cJSON_AddStringToObject(body, "GrantType", g->grant_type) == NULL ||
	    (grant = cJSON_AddObjectToObject(body, "Grant")) == NULL ||
	    (member = cJSON_AddObjectToObject(grant, g->member)) == NULL)
		goto fail;
	if (g->has_redirect_uris &&
	    sso_admin_add_strings(member, "RedirectUris", g->redirect_uris,
				  g->redirect_uri_count) < 0)
		goto fail;
	if (g->has_issuers) {
		if ((issuers = cJSON_AddArrayToObject(member, "AuthorizedTokenIssuers")) == NULL)
			goto fail;
		for (i = 0; i < g->issuer_count; i++) {
			const struct grant_def_issuer *gi = &g->issuers[i];

			if ((iss = cJSON_CreateObject()) == NULL)
				goto fail;
			if (!cJSON_AddItemToArray(issuers, iss)) {
				cJSON_Delete(iss);
				goto fail;
			}
			if (cJSON_AddStringToObject(iss, "TrustedTokenIssuerArn",
						    gi->trusted_token_issuer_arn) == NULL ||
			    (gi->audiences != NULL &&
			     sso_admin_add_strings(iss, "AuthorizedAudiences", gi->audiences,
						   gi->audience_count) < 0))
				goto fail;
		}
	}
	return body;
fail:
	cJSON_Delete(body);
	return NULL;
}

char *sso_admin_put_application_grant_body(const struct grant_def *grant)
{
	cJSON *body = sso_admin_put_body(grant);
	char *text = body != NULL ? cJSON_PrintUnformatted(body) : NULL;
	char *copy = text != NULL ? strdup(text) : NULL;

	cJSON_free(text);
	cJSON_Delete(body);
	return copy;
}

int sso_admin_put_application_grant(char **err, struct aws_client *client,
				    const struct grant_def *grant)
{
	return sso_admin_call(NULL, err, client, "PutApplicationGrant", sso_admin_put_body(grant));
}
