#!/bin/sh
# test_limits.sh - hostile inputs end at once with a GL005 finding at the right
# place, never a crash or a hang: a 100 MB file, a 10,000-document stream,
# 1 MiB of '[', the billion-laughs file and a 20,000-item list; and each
# limit can be set on the command line. `timeout 20` guards against hangs
# (each one takes milliseconds; the test does not time them).
. "$(dirname "$0")/lib.sh"
gl() { timeout 20 "$GRANTLINT" check --format json "$@"; }
arn=arn:aws:sso::123456789012:application/ssoins-72236d2b4d8c5e1f/apl-5f2a9c1d7e3b4a60

# 100 MB: over the size limit, reported from its size without reading it.
truncate -s 100M "$T_TMP/big.grant.yaml"
t_exit 1 "100 MB file" gl "$T_TMP/big.grant.yaml"
t_contains "100 MB file: GL005 at 1:1" '"line":1,"column":1,"end_line":1,"end_column":1,"rule":"GL005"'
t_contains "100 MB file: its size" 'file is 104857600 bytes, over the limit of 1048576 bytes'

# 10,000 documents, one application each: the 1,001st (line 4001) is one too many.
awk -v arn="${arn%apl-*}" 'BEGIN { for (i = 0; i < 10000; i++)
	printf "---\nApplicationArn: %sapl-%016d\nGrantType: refresh_token\nGrant: {RefreshToken: {}}\n", arn, i }' \
	> "$T_TMP/stream.grant.yaml"
t_exit 1 "10,000-document stream" gl --max-file-size 4M "$T_TMP/stream.grant.yaml"
t_contains "stream: GL005 at the 1,001st document" '"line":4001,"column":1,"end_line":4001,"end_column":4,"rule":"GL005"'
t_contains "stream: the limit named" 'more than 1000 documents or requests in one file; split it'
t_exit 1 "--max-documents" gl --max-file-size 4M --max-documents 10 "$T_TMP/stream.grant.yaml"
t_contains "--max-documents: GL005 at the 11th document" '"line":41,"column":1,"end_line":41,"end_column":4,"rule":"GL005"'
t_exit 0 "--max-documents 10000" gl --max-file-size 4M --max-documents 10000 "$T_TMP/stream.grant.yaml"
t_lacks "--max-documents 10000: no GL005" '"rule":"GL005"'

# 1 MiB of '[': the 65th bracket is one level too deep, in YAML and in JSON.
head -c 1048576 /dev/zero | tr '\0' '[' > "$T_TMP/open.grant.yaml"
cp "$T_TMP/open.grant.yaml" "$T_TMP/open.grant.json"
for f in open.grant.yaml open.grant.json; do
	t_exit 1 "1 MiB of [ ($f)" gl "$T_TMP/$f"
	t_contains "1 MiB of [ ($f): GL005 at 1:65" '"line":1,"column":65,"end_line":1,"end_column":66,"rule":"GL005"'
	t_contains "1 MiB of [ ($f): the limit named" 'nesting deeper than 64 levels'
	t_exit 1 "--max-depth ($f)" gl --max-depth 10 "$T_TMP/$f"
	t_contains "--max-depth ($f): GL005 at 1:11" '"line":1,"column":11,"end_line":1,"end_column":12,"rule":"GL005"'
done

# Billion laughs: stops at the first alias that would pass 10,000 nodes.
cp "$top_srcdir/fixtures/GL005-limit-exceeded/bad-billion-laughs.yaml" "$T_TMP/laughs.grant.yaml"
t_exit 1 "billion laughs" gl "$T_TMP/laughs.grant.yaml"
t_contains "billion laughs: GL005 at 5:8" '"line":5,"column":8,"end_line":5,"end_column":10,"rule":"GL005"'
t_contains "billion laughs: the limit named" 'aliases expand to more than 10000 nodes'
t_exit 1 "--max-alias-nodes" gl --max-alias-nodes 100 "$T_TMP/laughs.grant.yaml"
t_contains "--max-alias-nodes: GL005 at 3:8" '"line":3,"column":8,"end_line":3,"end_column":10,"rule":"GL005"'

# 20,000 redirect URIs: the 10,001st item (line 10006) is one too many.
{
	printf 'ApplicationArn: %s\nGrantType: authorization_code\nGrant:\n' "$arn"
	printf '  AuthorizationCode:\n    RedirectUris:\n'
	awk 'BEGIN { for (i = 0; i < 20000; i++) printf "      - https://app.example.com/cb%d\n", i }'
} > "$T_TMP/list.grant.yaml"
t_exit 1 "20,000-item list" gl "$T_TMP/list.grant.yaml"
t_contains "list: GL005 at the 10,001st item" '"line":10006,"column":9,"end_line":10006,"end_column":40,"rule":"GL005"'
t_contains "list: the limit named" 'more than 10000 items in one list or mapping'
t_exit 1 "--max-items" gl --max-items 5 "$T_TMP/list.grant.yaml"
t_contains "--max-items: GL005 at the 6th item" '"line":11,"column":9,"end_line":11,"end_column":36,"rule":"GL005"'

# Limits are whole numbers; depth has a ceiling that keeps stacks safe.
for opt in "--max-depth 0" "--max-depth 1001" "--max-items x" "--max-documents -1" \
	"--max-alias-nodes 99999999999"; do
	# shellcheck disable=SC2086
	t_exit 2 "bad limit $opt" "$GRANTLINT" check $opt "$T_TMP/laughs.grant.yaml"
	t_contains "bad limit $opt explained" "takes a whole number"
done

t_finish
