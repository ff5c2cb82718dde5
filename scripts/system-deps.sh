#!/usr/bin/env bash
# The Debian packages tenths uses: tesseract for local OCR, and, for the tests, a virtual
# X display (Xvfb) with a window manager (openbox), xdotool to drive it, and chromium for
# the browser extension and review-page tests. Installed with apt-get when missing and
# when we are root; otherwise the missing ones are named and the caller decides.
set -euo pipefail
PACKAGES=(tesseract-ocr tesseract-ocr-eng xvfb openbox xdotool x11-utils chromium fonts-dejavu-core)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing Debian packages (install them as root): ${missing[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
