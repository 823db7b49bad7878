#!/usr/bin/env bash
# Smoke test of the built Linux bundle (bash packaging/build-bundle.sh first), run the way an
# office PC runs it: a copy in a clean temporary folder, started with `env -i` (no PYTHONPATH,
# no virtual environment) and a PATH that is one empty folder, so there is no Python to find;
# HOME, the XDG folders and TMPDIR all in the temporary folder; Qt offscreen.
#
#   bash packaging/smoke-test.sh [BUNDLE_FOLDER]     (default: dist/steward-app)
#
# It checks, each against the source version run on the same input where there is one:
#   1. `--version` prints the project's version, and nothing but the bundle's program is
#      executed (strace, when the machine allows it);
#   2. `demo` loads the demo vote into a fresh database; `standings` prints what the source
#      version prints for the same file;
#   3. `report coalition --pdf` writes a PDF whose text holds the coalition's name and verdict,
#      with the bundled DejaVu Sans embedded;
#   4. a database written by the oldest released schema (tests/fixtures) is upgraded with the
#      bundled migrations, backed up first, and gives the source version's standings;
#   5. the window starts on the demo vote (`--demo`), offscreen and, when Xvfb is installed, on
#      X11 through the bundled xcb plugin: it loads the demo (read through the command line while
#      the window runs), is still running a few seconds later, and on SIGTERM closes as Quit
#      does (exit 0) with no traceback. The product has no test-only way to quit; SIGTERM is what logging out does;
#   5b. on X11, keys pressed in the window (packaging/press_keys.py, Ctrl+4 then Ctrl+5) open the
#      Evening tab, which builds the pyqtgraph chart (numpy, QtOpenGL: nothing else loads them),
#      and the What-if tab; the window keeps running, with no traceback in its output;
#   6. a tally file opened with the bundle (`steward-app FILE.tally`, what a double-click runs):
#      exported from the demo database by the bundle's command line, it makes the window's new
#      database reach the exporter's state code; a second start with the file hands it to that
#      window (the local socket, QtNetwork) and ends with 0.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT=$PWD
BUNDLE="${1:-dist/steward-app}"
[ -x "$BUNDLE/steward-app" ] || {
  echo "No bundle at $BUNDLE; build it first: bash packaging/build-bundle.sh" >&2
  exit 1
}
SOURCE_APP="$PROJECT/.venv/bin/steward-app"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' steward_app/__init__.py)"

work="$(mktemp -d "${TMPDIR:-/tmp}/steward-smoke-XXXXXX")"
window_pid=""
second_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$window_pid" ] && kill "$window_pid" 2>/dev/null || true
  [ -n "$second_pid" ] && kill "$second_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp -a "$BUNDLE" "$work/app"
mkdir -p "$work/empty-path" "$work/home" "$work/tmp" "$work/runtime" "$work/out"
chmod 700 "$work/runtime"
APP="$work/app/steward-app"
cd "$work/out"

fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  exit 1
}
pass() { echo "ok: $*"; }

# the bundle as an office PC starts it; extra VAR=value words before the arguments
# in the background, `bundle ... &` would be a subshell: a signal sent to $! would end the
# subshell and leave the program running. With exec, $! is the program itself.
bundle_exec() {
  exec_bundle=yes bundle "$@"
}
bundle() {
  local run=()
  [ -n "${exec_bundle:-}" ] && run=(exec)
  local extra=()
  while [ $# -gt 0 ] && [[ "$1" == *=* ]]; do extra+=("$1"); shift; done
  "${run[@]}" env -i PATH="$work/empty-path" HOME="$work/home" LANG=C.UTF-8 TMPDIR="$work/tmp" \
    XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_CACHE_HOME="$work/home/.cache" XDG_STATE_HOME="$work/home/.local/state" \
    XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen "${extra[@]}" "$APP" "$@"
}

# 1. version, and no Python executed
out="$(bundle --version)"
[ "$out" = "steward-app $VERSION" ] || fail "--version printed '$out', not 'steward-app $VERSION'"
pass "--version: $out"
if strace -f -qq -e trace=execve -o "$work/execs" /bin/true 2>/dev/null; then
  strace -f -qq -e trace=execve -o "$work/execs" \
    "${run[@]}" env -i PATH="$work/empty-path" HOME="$work/home" "$APP" --version >/dev/null
  others="$(grep -o 'execve("[^"]*"' "$work/execs" | cut -d'"' -f2 | sort -u \
    | grep -v -x -e /usr/bin/env -e "$APP" || true)"
  [ -z "$others" ] || fail "the bundle executed other programs: $others"
  pass "nothing executed but the bundle's own program (strace)"
else
  echo "note: strace cannot trace here; PATH holds no Python, which is the check left"
fi

# 2. the demo vote into a fresh database, standings as the source version gives them
bundle --db demo.sqlite demo >demo.log || fail "demo: $(cat demo.log)"
bundle --db demo.sqlite standings >standings.txt 2>&1 || fail "standings: $(cat standings.txt)"
"$SOURCE_APP" --db demo.sqlite standings >standings-source.txt 2>&1
diff -u standings-source.txt standings.txt || fail "the bundle's standings differ from the source's"
grep -q "COALITION:" standings.txt || fail "standings show no coalition line"
pass "demo loaded; standings equal the source version's ($(wc -l <standings.txt) lines)"

# 3. the coalition summary as PDF: its text and its embedded font
bundle --db demo.sqlite report coalition --pdf summary.pdf >report.log 2>&1 \
  || fail "report: $(cat report.log)"
pdftotext summary.pdf summary.txt
coalition="$(sed -n 's/^\(.*\) · [A-Z]*$/\1/p' standings.txt | head -1)"
verdict="$(sed -n 's/^  COALITION: \([A-Z]*\).*/\1/p' standings.txt | head -1)"
[ -n "$coalition" ] && [ -n "$verdict" ] || fail "no coalition name or verdict in standings.txt"
grep -qF "$coalition" summary.txt || fail "the PDF does not name the coalition '$coalition'"
grep -q "^$verdict" summary.txt || fail "the PDF does not show the verdict $verdict"
pdffonts summary.pdf | grep -q "DejaVuSans" || fail "the bundled font is not embedded in the PDF"
pass "PDF summary: '$coalition', $verdict, DejaVu Sans embedded"

# 4. the oldest released schema, upgraded by the bundled migrations
oldest="$(ls "$PROJECT"/tests/fixtures/schema-*.sqlite | sort | head -1)"
mkdir old source-old
cp "$oldest" old/vote.sqlite
cp "$oldest" source-old/vote.sqlite
bundle --db old/vote.sqlite standings >old.txt 2>&1 || fail "upgrading $oldest: $(cat old.txt)"
"$SOURCE_APP" --db source-old/vote.sqlite standings >old-source.txt 2>&1
diff -u old-source.txt old.txt || fail "the upgraded database's standings differ from the source's"
ls old/backups/*before-migration* >/dev/null 2>&1 || fail "no backup was made before migrating"
pass "$(basename "$oldest") upgraded, backed up first, standings equal the source version's"

# 5. the window on the demo vote
window_check() {
  local label="$1"
  shift
  rm -rf "$work/tmp"/steward-demo-*
  # the names given, as a coordinator's shortcut may: no first-run dialog waits for them
  bundle_exec "$@" --steward "a steward" --pc "smoke test PC" --demo >"window-$label.log" 2>&1 &
  window_pid=$!
  local db="" loaded=""
  for _ in $(seq 1 120); do
    kill -0 "$window_pid" 2>/dev/null || break
    db="$(ls "$work"/tmp/steward-demo-*/demo.sqlite 2>/dev/null | head -1 || true)"
    if [ -n "$db" ] && bundle --db "$db" standings >"window-$label.txt" 2>/dev/null; then
      loaded=yes
      break
    fi
    sleep 0.5
  done
  [ -n "$loaded" ] || fail "$label: the window did not load the demo vote: $(cat "window-$label.log")"
  sleep 3
  kill -0 "$window_pid" 2>/dev/null \
    || fail "$label: the window ended by itself: $(cat "window-$label.log")"
  kill -TERM "$window_pid"
  local status=0
  wait "$window_pid" || status=$?
  window_pid=""
  [ "$status" = 0 ] || fail "$label: SIGTERM should close the window as Quit does (0), not $status"
  if grep -q -e Traceback -e "Failed to execute" "window-$label.log"; then
    fail "$label: $(cat "window-$label.log")"
  fi
  diff -q standings.txt "window-$label.txt" >/dev/null \
    || fail "$label: the window's demo database does not hold the demo vote's standings"
  pass "window ($label): loaded the demo vote, kept running, ended on SIGTERM"
}
window_check offscreen

if command -v Xvfb >/dev/null; then
  display=":$((90 + RANDOM % 500))"
  Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  sleep 1
  window_check x11 QT_QPA_PLATFORM=xcb DISPLAY="$display"

  # 5b. the charts' tabs, opened from the keyboard
  bundle_exec QT_QPA_PLATFORM=xcb DISPLAY="$display" --steward "a steward" --pc "smoke test PC" \
    --demo >window-tabs.log 2>&1 &
  window_pid=$!
  DISPLAY="$display" "$PROJECT/.venv/bin/python" "$PROJECT/packaging/press_keys.py" \
    "$window_pid" Ctrl+4 Ctrl+5 || fail "no keys pressed in the window: $(cat window-tabs.log)"
  charted=""
  for _ in $(seq 1 40); do
    if grep -q "numpy/_core/_multiarray_umath" "/proc/$window_pid/maps" 2>/dev/null \
      && grep -q "QtOpenGL" "/proc/$window_pid/maps"; then
      charted=yes
      break
    fi
    sleep 0.5
  done
  sleep 2
  kill -0 "$window_pid" 2>/dev/null || fail "the window ended after its tabs were opened: $(cat window-tabs.log)"
  kill -TERM "$window_pid"
  status=0
  wait "$window_pid" || status=$?
  window_pid=""
  [ -n "$charted" ] || fail "the Evening tab did not load the chart's libraries (numpy, QtOpenGL)"
  [ "$status" = 0 ] || fail "SIGTERM after the tabs should close the window as Quit does (0), not $status"
  if grep -q -e Traceback -e "Failed to execute" window-tabs.log; then
    fail "opening the tabs: $(cat window-tabs.log)"
  fi
  pass "window (x11): the Evening tab's chart (pyqtgraph, numpy) and the What-if tab opened"
else
  echo "note: Xvfb not installed; the X11 window check was skipped"
fi

# 6. a tally file opened with the window, then handed over by a second start
mkdir exchange joined
bundle --db demo.sqlite export exchange/evening.tally >export.log 2>&1 || fail "export: $(cat export.log)"
want="$(bundle --db demo.sqlite state)"
bundle_exec --steward "a steward" --pc "smoke test PC" --db joined/vote.sqlite \
  exchange/evening.tally >window-open.log 2>&1 &
window_pid=$!
got=""
for _ in $(seq 1 120); do
  kill -0 "$window_pid" 2>/dev/null || break
  if [ -f joined/vote.sqlite ]; then
    got="$(bundle --db joined/vote.sqlite state 2>/dev/null || true)"
    [ "$got" = "$want" ] && break
  fi
  sleep 0.5
done
[ "$got" = "$want" ] \
  || fail "the window did not import the opened file ('$got', not '$want'): $(cat window-open.log)"
# the second start must end by itself: were the hand-over to fail, it would wait on a message box
bundle_exec --db joined/vote.sqlite exchange/evening.tally >second-start.log 2>&1 &
second_pid=$!
for _ in $(seq 1 120); do
  kill -0 "$second_pid" 2>/dev/null || break
  sleep 0.5
done
kill -0 "$second_pid" 2>/dev/null && fail "a second start with the file did not end by itself"
status=0
wait "$second_pid" || status=$?
second_pid=""
[ "$status" = 0 ] || fail "a second start with the file ended with $status: $(cat second-start.log)"
kill -0 "$window_pid" 2>/dev/null || fail "the window ended: $(cat window-open.log)"
kill -TERM "$window_pid"
status=0
wait "$window_pid" || status=$?
window_pid=""
[ "$status" = 0 ] || fail "SIGTERM should close the window with the file as Quit does (0), not $status"
if grep -q -e Traceback -e "Failed to execute" window-open.log second-start.log; then
  fail "$(cat window-open.log second-start.log)"
fi
grep -q "a second start handed over 1 tally file" "$work/home/.local/state/steward_app/log/steward_app.log" \
  || fail "the window's log does not say the second start handed the file over"
pass "a tally file opened with the window: ${want%% (*}, as the exporter; a second start handed it over"

echo "Smoke test passed: $BUNDLE ($(du -sh "$work/app" | cut -f1))"
