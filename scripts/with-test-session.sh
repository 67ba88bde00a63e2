#!/usr/bin/env bash
# Run a command inside a private D-Bus session with a real, unlocked Secret Service
# (gnome-keyring), for the keyring tests (SECURITY.md item 15).
#
#   scripts/with-test-session.sh CMD [ARGS...]
#
# - The session bus is private (dbus-run-session), so the tests never reach the user's own
#   keyring, even on a desktop.
# - gnome-keyring keeps its files and control socket in a temporary directory, removed
#   afterwards: the user's ~/.local/share/keyrings is never read or written.
# - The "login" collection is created with a throwaway password, unlocked, and checked to be
#   the default collection, so SecretService writes never wait for an unlock prompt.
# - Unlock prompts cannot appear: services the bus starts get an empty DISPLAY/WAYLAND_DISPLAY.
# - CMD runs with PEERDESK_TEST_SECRET_SERVICE=1 (and PEERDESK_TEST_KEYRING_PASSWORD, the
#   throwaway password of that collection, and PEERDESK_TEST_KEYRING_LOG, the daemon's output)
#   and its arguments exactly as given; the script exits with CMD's exit code.
# - Without dbus-run-session / dbus-send / gnome-keyring-daemon: an error when CI=true, otherwise
#   a one-line note and CMD runs directly (the secret_service tests then skip).
#
# dbus-daemon may print "Failed to set fd limit to 65536: Operation not permitted" when the hard
# RLIMIT_NOFILE is lower (containers); it is harmless and does not affect the exit code.

set -u

prog=${0##*/}
install_hint="apt-get install -y --no-install-recommends dbus dbus-x11 gnome-keyring"

if [ "$#" -eq 0 ]; then
    echo "usage: $prog CMD [ARGS...]" >&2
    exit 2
fi

missing=""
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done

if [ -n "$missing" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "$prog: error: no Secret Service for the keyring tests (missing:$missing); install it with: $install_hint" >&2
        exit 1
    fi
    echo "$prog: note: no Secret Service (missing:$missing); running without it, so the secret_service tests will be skipped" >&2
    exec "$@"
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/peerdesk-test-session.XXXXXXXX") || exit 1
case $workdir in
    *,*)  # UpdateActivationEnvironment below takes a comma-separated dict
        echo "$prog: error: temporary directory path contains a comma: $workdir" >&2
        rm -rf -- "$workdir"
        exit 1
        ;;
esac
trap 'rm -rf -- "$workdir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$workdir/data" "$workdir/runtime" || exit 1

# Runs inside the private session. $1 is the work directory; the rest is CMD and its arguments,
# passed as positional parameters (never interpolated into this text).
# A quoted here-document, so the text may contain any quote character.
inner=$(cat <<'INNER'
set -u
workdir=$1
shift
log=$workdir/gnome-keyring.log

fail() {
    echo "with-test-session.sh: error: $*" >&2
    if [ -s "$log" ]; then
        sed "s/^/  gnome-keyring: /" "$log" >&2
    fi
    exit 1
}

bus_call() {
    dbus-send --session --print-reply=literal "$@" 2>>"$log"
}

# Anything the bus starts on demand (e.g. a second gnome-keyring-daemon if ours died) must use
# the temporary directories too, never the real home directory. With no display, an unlock
# prompt (gcr-prompter) fails at once, so a locked keyring gives KeyringLocked instead of a
# window on the developer's screen or on xvfb that nobody answers.
bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.UpdateActivationEnvironment \
    "dict:string:string:XDG_DATA_HOME,$workdir/data,XDG_RUNTIME_DIR,$workdir/runtime,DISPLAY,,WAYLAND_DISPLAY," \
    >/dev/null || fail "could not configure the private D-Bus session"

# Creates the "login" collection with this password if it does not exist, and unlocks it.
# The daemon runs in the foreground of a background subshell until the session bus goes away,
# so that what it prints and how it ended are in $log (the keyring fixtures show that log if the
# daemon is gone before the tests end: a daemon the bus starts again has the collection locked).
(
    printf %s "$PEERDESK_TEST_KEYRING_PASSWORD" |
        XDG_DATA_HOME="$workdir/data" XDG_RUNTIME_DIR="$workdir/runtime" \
            gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>>"$log"
    echo "gnome-keyring-daemon exited with status $?" 2>/dev/null >>"$log"  # (gone after the run)
) &

# The daemon may return before it owns its bus name; wait (NameHasOwner does not activate).
tries=0
until bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q true; do
    tries=$((tries + 1))
    [ "$tries" -lt 200 ] || fail "gnome-keyring did not register org.freedesktop.secrets"
    sleep 0.05
done

collection=$(bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default | tr -d "[:space:]")
case $collection in
    /org/freedesktop/secrets/collection/*) ;;
    *) fail "the Secret Service has no default collection (got: ${collection:-nothing})" ;;
esac
locked=$(bus_call --dest=org.freedesktop.secrets "$collection" \
    org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked)
case $locked in
    *false*) ;;
    *) fail "the default collection $collection is locked (got: ${locked:-nothing})" ;;
esac

PEERDESK_TEST_SECRET_SERVICE=1
PEERDESK_TEST_KEYRING_LOG=$log
export PEERDESK_TEST_SECRET_SERVICE PEERDESK_TEST_KEYRING_LOG
exec "$@"
INNER
)

# The throwaway password of the temporary "login" collection; tests that lock the collection use
# it to unlock it again without a prompt.
PEERDESK_TEST_KEYRING_PASSWORD=some-pass
export PEERDESK_TEST_KEYRING_PASSWORD

dbus-run-session -- sh -c "$inner" with-test-session "$workdir" "$@"
status=$?
exit "$status"
