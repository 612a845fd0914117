/*
 * conf.h - .grantlint.yaml: loading, validation, discovery and the effective
 * configuration for one file.
 *
 * (Named conf.h, not config.h: the build's autoconf header is config.h and
 * `#include "config.h"` from lint/ would find this file first.)
 *
 * A configuration file is read through the document model (gl_load), so every
 * problem has file:line:col. Everything in it is compiled once when it is
 * loaded; the effective configuration of each combination of overrides is
 * built once and cached, so resolving a file's configuration is a directory
 * lookup and a few glob matches, under one lock, and safe from any thread.
 */
#ifndef GL_CONF_H
#define GL_CONF_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"
#include "pattern.h"

#define GL_CONFIG_FILE_NAME ".grantlint.yaml"
#define GL_CONFIG_MAX_OVERRIDES 64

/* Where a value was set: the configuration file and the key's position. */
struct gl_origin {
	const char *file; /* NULL: the built-in default */
	struct gl_pos pos;
};

/* Every setting a configuration (or an override) can hold, by its key. */
enum gl_setting_id {
	GL_SET_GRANT_TYPES,      /* policy.grant_types.allowed */
	GL_SET_REDIRECT_HOSTS,   /* policy.redirect_uris.allowed_hosts */
	GL_SET_REDIRECT_SCHEMES, /* policy.redirect_uris.allowed_schemes */
	GL_SET_ALLOW_LOOPBACK,   /* policy.redirect_uris.allow_loopback */
	GL_SET_ALLOW_HTTP,       /* policy.redirect_uris.allow_http */
	GL_SET_REDIRECT_MAX,     /* policy.redirect_uris.max_count */
	GL_SET_ISSUERS,          /* policy.trusted_token_issuers.allowed */
	GL_SET_AUDIENCES,        /* policy.audiences.allowed */
	GL_SET_AUDIENCE_MAX,     /* policy.audiences.max_count */
	GL_SET_ACCOUNTS,         /* policy.applications.accounts */
	GL_SET_PARTITIONS,       /* policy.applications.partitions */
	GL_SET_INSTANCES,        /* policy.applications.instances */
	GL_SET_MAX_FILE_SIZE,    /* limits.max_file_size */
	GL_SET_MAX_DEPTH,        /* limits.max_depth */
	GL_SET_MAX_ALIASES,      /* limits.max_alias_nodes */
	GL_SET_MAX_DOCUMENTS,    /* limits.max_documents */
	GL_SET_MAX_ITEMS,        /* limits.max_collection_items */
	GL_SET_COUNT,
};

enum gl_setting_type {
	GL_SETTING_BOOL,
	GL_SETTING_COUNT_VALUE, /* a non-negative integer */
	GL_SETTING_SIZE,        /* bytes, or "512K", "2M" */
	GL_SETTING_STRINGS,     /* list of exact strings */
	GL_SETTING_PATTERNS,    /* list of value patterns (glob, or "^regex") */
	GL_SETTING_HOSTS,       /* list of host patterns (case-insensitive) */
};

struct gl_setting {
	bool set;
	struct gl_origin origin;
	bool boolean;
	unsigned long long number;
	char **strings;                /* STRINGS, and the text of patterns */
	struct gl_pattern **patterns;  /* PATTERNS, HOSTS */
	size_t count;
};

/* The table of settings: key path and type, by gl_setting_id. */
struct gl_setting_info {
	const char *key; /* "policy.redirect_uris.allowed_hosts" */
	enum gl_setting_type type;
};
extern const struct gl_setting_info gl_setting_infos[GL_SET_COUNT];

/* One entry of `rules:` (top level or in an override). */
struct gl_rule_setting {
	char *selector;       /* code, name, family or "all" */
	int enabled;          /* 1, 0, or -1 when not said */
	int severity;         /* enum gl_severity, or -1 */
	int unsuppressible;   /* 1, 0, or -1 */
	struct gl_origin origin;
};

/* What the top level and each override can set. */
struct gl_config_layer {
	struct gl_setting settings[GL_SET_COUNT];
	struct gl_rule_setting *rules;
	size_t rule_count;
};

struct gl_config_override {
	struct gl_pattern **files;
	size_t file_count;
	struct gl_origin origin;
	struct gl_config_layer layer;
};

/* A configured suppression for JSON (and YAML) files: `ignore:` entries. */
struct gl_config_ignore {
	struct gl_pattern **files;
	size_t file_count;
	char *rule;     /* selector */
	char *pointer;  /* JSON Pointer prefix; NULL: the whole file */
	char *reason;   /* NULL when missing */
	struct gl_origin origin; /* of its rule value (or the entry) */
	struct gl_pos origin_end;
	unsigned long used;    /* findings it hid (atomic) */
	unsigned long matched; /* files it applied to (atomic) */
};

struct gl_config;

/* A loaded configuration file. */
struct gl_config_file {
	char *path;  /* as found or given */
	char *dir;   /* absolute folder that globs are relative to */
	struct gl_pattern **include;
	size_t include_count;
	struct gl_origin include_origin;
	struct gl_pattern **exclude;
	size_t exclude_count;
	struct gl_origin exclude_origin;
	struct gl_config_layer base;
	struct gl_config_override *overrides;
	size_t override_count;
	struct gl_config_ignore *ignores;
	size_t ignore_count;
	/* Effective configurations built so far, one per set of matching overrides. */
	struct gl_config **effective;
	size_t effective_count;
};

/*
 * The effective configuration for a file: the file's settings with the
 * matching overrides applied in order (later wins), and the rule tables the
 * engine reads. Immutable once built; owned by its gl_config_file.
 */
struct gl_config {
	const struct gl_config_file *file;
	uint64_t override_mask;
	struct gl_setting settings[GL_SET_COUNT]; /* shallow: values belong to the layers */
	bool *enabled;            /* by rule index */
	int *severity;            /* by rule index, -1: default */
	bool *unsuppressible;     /* by rule index */
	struct gl_origin *rule_origin; /* by rule index: where enabled/severity was last set */
	struct gl_limits limits;
};

/*
 * Load a configuration file from len bytes. Problems (syntax, unknown keys,
 * wrong types, invalid patterns) are appended to errors as
 * "path:line:col: message" lines; the result is then -1. Returns 0 and *out
 * (free with gl_config_file_free()), -1 when invalid, -2 out of memory.
 * dir is the folder globs are relative to (NULL: the file's own folder).
 */
int gl_config_file_load(struct gl_config_file **out, const char *path, const char *dir,
			const char *bytes, size_t len, FILE *errors);

void gl_config_file_free(struct gl_config_file *file);

/*
 * The effective configuration of file for a path relative to its folder,
 * on top of the command line's rule mask (base_enabled, NULL: every rule) and
 * limits. Built on first use and cached in file; not locked here.
 */
const struct gl_config *gl_config_file_effective(struct gl_config_file *file, const char *relpath,
						 const bool *base_enabled,
						 const struct gl_limits *base_limits);

/* True when relpath is excluded by include/exclude. */
bool gl_config_file_excludes(const struct gl_config_file *file, const char *relpath);

/* The folder of path as an absolute path (malloc'd), or NULL when it cannot be resolved. */
char *gl_absolute_folder_of(const char *path);

/* "file:line" of an origin into buf ("built-in default" when unset). */
const char *gl_origin_format(const struct gl_origin *origin, char *buf, size_t size);

/*
 * For policy rules: true when value is in a STRINGS setting (exactly) or
 * matches one of a PATTERNS/HOSTS setting's patterns.
 */
bool gl_setting_matches(const struct gl_setting *s, const char *value, size_t len);

/* The values of a list setting, comma-separated, into buf (truncated with "..."). */
const char *gl_setting_list(const struct gl_setting *s, char *buf, size_t size);

/* "KEY (set at FILE:LINE)" for a setting of c, into buf: how policy findings name their source. */
const char *gl_setting_source(const struct gl_config *c, enum gl_setting_id id, char *buf,
			      size_t size);

/*
 * Reads a file's bytes from wherever the run's grants come from (the git
 * index, a revision): path is relative to the repository root. Returns 0
 * with *bytes (malloc'd, NUL-terminated) and *len, 1 when there is no such
 * file, -1 when it cannot be read (explained on stderr), -2 out of memory.
 */
typedef int (*gl_config_read_fn)(void *arg, const char *path, char **bytes, size_t *len);

/* A folder seen by discovery and the configuration that governs it. */
struct gl_config_dir {
	char *dir;                   /* absolute */
	struct gl_config_file *file; /* NULL: none found from here up */
	bool invalid;                /* the configuration found is invalid */
};

/* Every configuration a run uses: discovery, the cache, and their problems. */
struct gl_config_set {
	pthread_mutex_t lock;
	bool disabled;            /* --no-config */
	char *explicit_path;      /* --config FILE */
	const bool *base_enabled; /* the command line's rules */
	struct gl_limits base_limits;
	struct gl_config_file **files;
	size_t file_count;
	struct gl_config_dir *dirs;
	size_t dir_count;
	size_t *dir_slots;         /* hash index into dirs: index + 1, 0 empty */
	size_t dir_slot_count;     /* a power of two, over twice dir_count */
	char *last_given_dir;      /* the folder of the last path resolved, as given */
	char *last_abs_dir;        /* ... and made absolute (files come folder by folder) */
	FILE *errors;              /* where configuration errors go (stderr) */
	bool failed;               /* a configuration was invalid: exit 2 */
	gl_config_read_fn read;    /* NULL: the file system; see gl_config_set_use_source() */
	void *read_arg;
};

/*
 * Read configuration files through read instead of the file system: paths
 * are then relative to the repository root, and discovery walks their
 * folders up to the root ("grants/a/x.yaml": grants/a/, grants/, the root).
 * --config FILE is still read from the file system.
 */
void gl_config_set_use_source(struct gl_config_set *set, gl_config_read_fn read, void *arg);

/* What a file resolves to. */
struct gl_config_resolved {
	const struct gl_config *config; /* NULL: no configuration applies */
	struct gl_config_file *file;
	char *relpath;                  /* path relative to the configuration's folder; owned */
	bool excluded;                  /* include/exclude leave it out */
	bool invalid;                   /* its configuration is invalid: do not lint */
};

int gl_config_set_init(struct gl_config_set *set, const char *explicit_path, bool disabled,
		       const bool *base_enabled, const struct gl_limits *base_limits);
void gl_config_set_free(struct gl_config_set *set);

/*
 * Resolve path's configuration (discovering .grantlint.yaml upwards on first
 * use of each folder). Thread-safe. Returns 0 (free out with
 * gl_config_resolved_free()), or -1 out of memory.
 */
int gl_config_set_resolve(struct gl_config_set *set, const char *path,
			  struct gl_config_resolved *out);
void gl_config_resolved_free(struct gl_config_resolved *res);

/* Load --config FILE now (so that its errors come before any linting). */
int gl_config_set_preload(struct gl_config_set *set);

/* Write the effective configuration with origins (for `config --show`). */
void gl_config_show(FILE *out, const struct gl_config_resolved *res);

#endif
