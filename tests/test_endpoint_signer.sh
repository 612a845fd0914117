#!/bin/sh
# test_endpoint_signer.sh - the test endpoint verifies signatures with its own
# SigV4 code; check that code against the aws-c-auth v4 vectors, so that the
# client and the verifier cannot agree on a mistake.
set -eu
top_srcdir=${top_srcdir:-.}
out=$(${PYTHON3:-python3} "$top_srcdir/tests/aws_test_endpoint.py" \
	--self-test "$top_srcdir/tests/data/sigv4/aws-c-auth-v4")
echo "$out"
case $out in
*" 0 failures") ;;
*) exit 1 ;;
esac
case $out in
"0 cases"*) exit 1 ;;
esac
