#!/bin/bash
# copy the current build into /tmp/var-$1 (a runnable package folder)
set -e
d=/tmp/var-$1; rm -rf $d; mkdir -p $d
cp -r bin dist templates python package.json $d/
cp -r data examples $d/ 2>/dev/null || true
