#!/bin/sh
# The browser the run-report test drives (tests/report/test_report_browser.py): Debian's Chromium
# at /usr/bin/chromium. `make test` runs this first; on a fresh Debian machine (CI, as root) it
# installs the package with apt-get. Without root or apt-get it only says what is missing (the
# browser test is then skipped outside CI, with this reason).
set -eu
BROWSER=/usr/bin/chromium
if [ -x "$BROWSER" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $BROWSER is missing; install Debian's chromium package (as root: apt-get install chromium)" >&2
    exit 0
fi
echo "install-browser: installing Debian's chromium (for the run report's browser test)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
test -x "$BROWSER"
