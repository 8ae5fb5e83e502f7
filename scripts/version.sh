#!/bin/sh
# Prints the semantic version `make build` stamps into the binary, from
# `git describe`:
#   HEAD tagged v1.2.3                 -> 1.2.3
#   4 commits after v1.2.3, at abc1234 -> 1.2.4-dev.4+abc1234 (after 1.2.3, before 1.2.4)
#   2 commits after v1.3.0-rc.1        -> 1.3.0-rc.1.dev.2+abc1234
#   no tag (or a shallow clone)        -> 0.0.0-dev+abc1234
#   not a git checkout                 -> 0.0.0-dev
# Uncommitted changes add ".dirty" to the build metadata.
set -eu
cd "$(dirname "$0")/.."

dirty=""
if ! git rev-parse --git-dir >/dev/null 2>&1; then
	echo "0.0.0-dev"
	exit 0
fi
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	dirty=".dirty"
fi
sha=$(git rev-parse --short=7 HEAD 2>/dev/null || true)
if [ -z "$sha" ]; then
	echo "0.0.0-dev"
	exit 0
fi

desc=$(git describe --tags --match 'v[0-9]*.[0-9]*.[0-9]*' --long 2>/dev/null || true)
case "$desc" in
v*-*-g*)
	# v1.2.3-4-gabc1234, or v1.2.3-rc.1-4-gabc1234: strip the two fields git adds.
	count=${desc%-g*}
	count=${count##*-}
	tag=${desc%-*-g*}
	tag=${tag#v}
	tag=${tag%%+*}
	if [ "$count" = 0 ]; then
		if [ -n "$dirty" ]; then
			echo "$tag+$sha$dirty"
		else
			echo "$tag"
		fi
		exit 0
	fi
	core=${tag%%-*}
	if [ "$core" != "$tag" ]; then
		# 1.3.0-rc.1 + commits: after 1.3.0-rc.1, before 1.3.0-rc.2 and 1.3.0
		echo "$tag.dev.$count+$sha$dirty"
		exit 0
	fi
	major=${core%%.*}
	rest=${core#*.}
	minor=${rest%%.*}
	patch=${rest#*.}
	echo "$major.$minor.$((patch + 1))-dev.$count+$sha$dirty"
	;;
*)
	echo "0.0.0-dev+$sha$dirty"
	;;
esac
