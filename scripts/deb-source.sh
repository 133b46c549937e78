# Shell functions (sourced, not run) that fetch a Debian source package
# with `apt-get source`, for the scripts that take third-party tests from
# Debian (fetch-qemu-tests.sh, fetch-tcc-tests.sh, doom-fetch.sh). Nothing fetched is
# committed. Needs root only to add a deb-src entry or refresh apt's
# indexes.
#
#   DEB_SOURCE_TAG=name     prefix of messages (the calling script's name)
#   deb_source_fetch PKG DIR
#                           downloads PKG's .dsc and tarballs into DIR and
#                           prints the .dsc's path; dies with a message
#                           when it cannot (no Debian, no network, not root)

DEB_SOURCES=/etc/apt/sources.list.d/debian.sources
JOS_SOURCES=/etc/apt/sources.list.d/jos-deb-src.sources

die() { echo "${DEB_SOURCE_TAG:-deb-source}: $*" >&2; exit 1; }
say() { echo "${DEB_SOURCE_TAG:-deb-source}: $*" >&2; }

# Is a deb-src entry for bookworm configured (one-line or deb822 format)?
has_deb_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # A stanza counts when its Types include deb-src and it is not disabled.
    awk 'BEGIN { RS = ""; FS = "\n"; found = 0 }
         { types = 0; off = 0
           for (i = 1; i <= NF; i++) {
             if ($i ~ /^Types:.*deb-src/) types = 1
             if ($i ~ /^Suites:/ && $i !~ /[[:space:]]bookworm([[:space:]]|$)/) off = 1
             if ($i ~ /^Enabled:[[:space:]]*no/) off = 1
           }
           if (types && !off) found = 1 }
         END { exit found ? 0 : 1 }' "$f" && return 0
  done
  return 1
}

# Writes jos-deb-src.sources from the bookworm stanza of debian.sources.
add_deb_src() {
  [ -f "$DEB_SOURCES" ] || die "no deb-src entry and no $DEB_SOURCES to copy one from; add a deb-src line for bookworm main"
  local stanza
  stanza=$(awk 'BEGIN { RS = ""; FS = "\n" }
    { suites = ""; for (i = 1; i <= NF; i++) if ($i ~ /^Suites:/) suites = $i
      if (suites ~ /[[:space:]]bookworm([[:space:]]|$)/) { print; exit } }' "$DEB_SOURCES")
  [ -n "$stanza" ] || die "$DEB_SOURCES has no stanza for suite bookworm"
  local uris comps signed
  uris=$(printf '%s\n' "$stanza" | sed -n 's/^URIs:[[:space:]]*//p')
  comps=$(printf '%s\n' "$stanza" | sed -n 's/^Components:[[:space:]]*//p')
  signed=$(printf '%s\n' "$stanza" | sed -n 's/^Signed-By:[[:space:]]*//p')
  [ -n "$uris" ] || die "the bookworm stanza of $DEB_SOURCES has no URIs"
  say "adding $JOS_SOURCES (deb-src for bookworm ${comps:-main})"
  {
    echo "Types: deb-src"
    echo "URIs: $uris"
    echo "Suites: bookworm"
    echo "Components: ${comps:-main}"
    [ -z "$signed" ] || echo "Signed-By: $signed"
  } > "$JOS_SOURCES"
}

is_root() { [ "$(id -u)" = 0 ]; }

deb_source_fetch() {
  local package=$1 dir=$2 need_update=0 dsc
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs a Debian system"
  command -v dpkg-source >/dev/null 2>&1 || die "dpkg-source not found: install dpkg-dev (apt-get install -y dpkg-dev)"
  if ! has_deb_src; then
    is_root || die "no deb-src entry in apt's sources and not root: run this script as root once (it adds $JOS_SOURCES)"
    add_deb_src
    need_update=1
  fi
  # apt knows the source package once the Sources indexes are downloaded.
  if [ "$need_update" = 1 ] || [ -z "$(apt-cache showsrc "$package" 2>/dev/null)" ]; then
    is_root || die "apt has no source index for $package and we are not root: run 'apt-get update' as root (or this script)"
    say "apt-get update"
    apt-get update -qq || die "apt-get update failed (no network?)"
    [ -n "$(apt-cache showsrc "$package" 2>/dev/null)" ] \
      || die "apt still knows no source package '$package' after apt-get update (no network, or no deb-src for main?)"
  fi
  mkdir -p "$dir"
  say "apt-get source --download-only $package (into $dir)"
  (cd "$dir" && apt-get source --download-only -qq "$package" >&2) \
    || die "apt-get source --download-only $package failed (no network?)"
  dsc=$(ls -t "$dir"/"${package}"_*.dsc 2>/dev/null | head -n 1)
  [ -n "$dsc" ] || die "no ${package}_*.dsc in $dir after apt-get source"
  echo "$dsc"
}
