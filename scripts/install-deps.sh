#!/usr/bin/env bash
# Installs everything apiquery needs to build, test, fuzz and benchmark, from Debian 12 packages.
# Idempotent: packages already present are skipped without touching the network.
# Runs apt-get as root, through sudo otherwise.
set -euo pipefail

packages=(
    build-essential
    tao-pegtl-dev
    libboost-json1.81-dev
    libhowardhinnant-date-dev
    catch2
    libcli11-dev
    cmake
    ninja-build
    meson
    pkg-config
    clang-14
    clang-format-14
    libfuzzer-14-dev
    libclang-rt-14-dev
    libbenchmark-dev
    libsqlite3-dev
    libpq-dev
    sqlite3
    postgresql
    libboost1.81-dev
    libssl-dev
    openssl
    curl
    wrk
    python3
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
else
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
