# shellcheck shell=bash disable=SC2034 # its variables are read by the scripts that source it
# Shared helpers for the fleet scripts. Sourced, never run.

# Every engine of the fleet, in start order. stop walks it backwards.
FLEET_ENGINES=(unix1 tls1 tls2 sock1)
FLEET_IMAGE=dmux-test/busybox:latest
FLEET_BIN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "fleet: $*" >&2; exit 1; }

# Sets STATE from `--state DIR` (or DMUX_FLEET_DIR) and leaves the other
# arguments in ARGS. Absolute, because the paths end up in config.json and env.
parse_state() {
  STATE=${DMUX_FLEET_DIR:-/tmp/dmux-fleet}
  ARGS=()
  while (($#)); do
    case $1 in
      --state) (($# >= 2)) || die "--state needs a directory"; STATE=$2; shift 2 ;;
      --state=*) STATE=${1#--state=}; shift ;;
      *) ARGS+=("$1"); shift ;;
    esac
  done
  STATE=$(realpath -m "$STATE")
  # containerd puts $STATE/NAME/exec/containerd/containerd.sock.ttrpc (+40 chars)
  # under it, and unix socket paths stop at 107 bytes.
  ((${#STATE} <= 60)) || die "state dir $STATE is too long for unix sockets (max 60 chars)"
}

require_root() { ((EUID == 0)) || die "$(basename "$0") must run as root (dockerd needs it)"; }

# True when PID runs, is not a zombie, and its command line names DIR: a pid
# file can outlive its process and the pid can be reused by a stranger.
is_ours() {
  local pid=$1 dir=$2 stat cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$dir"* ]]
}

engine_pid() { cat "$STATE/$1/pid" 2>/dev/null || true; }
engine_url() { cat "$STATE/$1/url" 2>/dev/null || true; }
engine_up() { is_ours "$(engine_pid "$1")" "$STATE/$1/"; }

# Docker CLI pointed at an engine through its local unix socket (TLS engines
# have one too), so the scripts never need the client certificates.
engine_docker() {
  local name=$1; shift
  DOCKER_TLS_VERIFY='' DOCKER_CERT_PATH='' DOCKER_CONTEXT='' \
    docker -H "unix://$STATE/$name/docker.sock" "$@"
}
