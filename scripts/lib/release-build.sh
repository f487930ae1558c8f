# shellcheck shell=sh
# release_build — builds dmux for release the one way scripts/install and scripts/bench both use,
# and prints the binary's path.
#
# --static-swift-stdlib: the Swift runtime and Foundation linked in, one self-contained file that
#   needs no Swift toolchain where it is copied and binds no Swift symbols at start.
# -disable-concrete-type-metadata-mangled-name-accessors (every module, dependencies included):
#   generic types such as Set<Name> get their metadata from direct accessor calls instead of
#   demangling a name at first use, which checks each generic requirement by scanning the
#   binary's ~6,500 protocol conformance records. Start-up pays that scan about a hundred times
#   (argument parsing, the first connection); without it `dmux -c ping` starts ~1.2 ms sooner.
# --version-script=scripts/lib/executable.map: no exported symbols (~0.3 ms sooner).
# Run it from the repository's root.
release_build() {
  set -- -c release --static-swift-stdlib \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    -Xlinker "--version-script=$(pwd)/scripts/lib/executable.map"
  swift build "$@" --product dmux >&2 || return
  echo "$(swift build "$@" --show-bin-path)/dmux"
}
