# shellcheck shell=bash
# Shared helpers for the scripts in scripts/. Source it; it defines functions
# and a few variables and has no side effects beyond that.
#
# Messages go to stderr so that a script's stdout stays usable for machine
# output (services.sh prints `export` lines when executed).

# Repository root: scripts/lib/ -> ../..
BD_ROOT="${BD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
BD_LOCAL="${BD_LOCAL:-$BD_ROOT/.local}"

log()  { printf '[%s] %s\n' "${BD_LOG_TAG:-bike-dispatch}" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "${BD_LOG_TAG:-bike-dispatch}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${BD_LOG_TAG:-bike-dispatch}" "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

# Run a command as root: directly when we are root, through passwordless sudo
# otherwise. Package installs are the only thing that needs it.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif have sudo && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    die "need root to run: $* (run as root or configure passwordless sudo)"
  fi
}

# `apt-get update` at most once per process tree: the marker variable is
# exported so scripts started from this one skip it too.
apt_update_once() {
  [[ "${BD_APT_UPDATED:-}" == 1 ]] && return 0
  log "apt-get update"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 \
    || die "apt-get update failed"
  export BD_APT_UPDATED=1
}

# True when every named Debian package is installed.
pkgs_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

# Install the Debian packages that are missing (after one apt-get update).
# The lock timeout matters on a shared machine where someone else may be
# running apt at the same moment.
apt_install() {
  local missing=() p
  for p in "$@"; do pkgs_installed "$p" || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  have apt-get || die "missing packages ${missing[*]} and no apt-get to install them"
  apt_update_once
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# TCP probe without external tools (bash's /dev/tcp), bounded by a timeout so
# a filtered port cannot hang us.
tcp_open() {
  local host=$1 port=$2
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# First port >= $1 on 127.0.0.1 where nothing listens.
free_port_from() {
  local port=$1
  while tcp_open 127.0.0.1 "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Node.js is a hard prerequisite: the build, the tests and the apps all run on it,
# and Debian 12's own nodejs (18.x) is too old. The supported version is said once, in
# package.json's engines field ("node": ">=MAJOR.MINOR"); this check reads it from there.
require_node() {
  local wanted
  wanted=$(sed -n 's/^ *"node": *">=\([0-9][0-9.]*\)".*/\1/p' "$BD_ROOT/package.json" | head -n 1)
  [[ -n "$wanted" ]] || die "package.json has no engines.node of the form \">=MAJOR.MINOR\""
  have node || die "Node.js >= $wanted is required (not found on PATH)"
  node -e '
    const [wantMajor, wantMinor = 0] = process.argv[1].split(".").map(Number);
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > wantMajor || (major === wantMajor && minor >= wantMinor) ? 0 : 1);' "$wanted" \
    || die "Node.js >= $wanted is required, found $(node -v)"
  have npm || die "npm is required (not found on PATH)"
}

# `npm ci` when node_modules is missing or older than package-lock.json.
# --include=dev: demo.sh exports NODE_ENV=production, which would otherwise make
# npm skip the devDependencies the build needs (swc, typescript, vite).
# npm writes node_modules/.package-lock.json on every install, so its mtime
# tells when node_modules was last brought in line with the lock file.
ensure_node_deps() {
  require_node
  local marker="$BD_ROOT/node_modules/.package-lock.json"
  if [[ ! -d "$BD_ROOT/node_modules" || ! -f "$marker" || "$BD_ROOT/package-lock.json" -nt "$marker" ]]; then
    log "installing Node dependencies (npm ci)"
    (cd "$BD_ROOT" && npm ci --include=dev --no-audit --no-fund >&2) || die "npm ci failed"
  else
    log "Node dependencies up to date"
  fi
}

# True when package.json defines the given npm script.
npm_script_defined() {
  (cd "$BD_ROOT" && node -e 'process.exit(require("./package.json").scripts?.[process.argv[1]] ? 0 : 1)' "$1")
}

# Pid files hold "PID STARTTIME" (field 22 of /proc/PID/stat) so that a pid
# reused by an unrelated process after a reboot or crash is never signalled.
# The command name (field 2) may contain spaces ("npm run start:api" once npm
# renames itself), so count fields after its closing parenthesis.
proc_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  awk '{print $20}' <<<"$stat"
}

write_pidfile() {
  local file=$1 pid=$2
  mkdir -p "$(dirname "$file")"
  echo "$pid $(proc_starttime "$pid")" >"$file"
}

# A process that exists and is not a zombie. (Zombies matter: where PID 1
# does not reap orphans, a finished process lingers as one and kill -0 on it
# still succeeds.)
proc_running() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ -n "$stat" && "${stat:0:1}" != Z ]]
}

# Any live (non-zombie) process in process group PGID. Reads /proc directly:
# slim images have no ps. A process that exits while cat reads makes cat fail;
# under pipefail that would read as "none running", so only awk's answer counts.
group_running() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } \
    | awk -v g="$1" '{ sub(/.*\) /, ""); if ($3 == g && $1 != "Z") f = 1 } END { exit !f }'
}

# Prints the pid recorded in a pid file if that very process is still alive.
pidfile_alive() {
  local file=$1 pid start
  [[ -f "$file" ]] || return 1
  read -r pid start <"$file" || return 1
  [[ -n "$pid" && -n "$start" ]] || return 1
  [[ "$(proc_starttime "$pid")" == "$start" ]] && proc_running "$pid" || return 1
  echo "$pid"
}

# Stop a process started by demo.sh: SIGTERM to its process group (it was
# started with setsid, so the group is npm plus the node it spawned), wait,
# then SIGKILL whatever is left.
stop_pidfile() { # PIDFILE [SECONDS to wait before SIGKILL, default 10]
  local file=$1 secs=${2:-10} name pid i
  name=$(basename "$file" .pid)
  if pid=$(pidfile_alive "$file"); then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < secs * 10; i++)); do
      group_running "$pid" || proc_running "$pid" || break
      sleep 0.1
    done
    if group_running "$pid" || proc_running "$pid"; then
      warn "$name did not stop within ${secs}s; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}
