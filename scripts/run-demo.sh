#!/usr/bin/env bash
# `make run`: a local HQ with demo data, a laptop data folder enrolled and synced against it,
# and the desktop app opened on that folder. HQ stays up until Ctrl-C; without a display the
# app is not opened and the CLI drives the laptop instead.
set -euo pipefail
hq_dir=${HQ_DIR:-hq-data}
laptop_dir=${DEMO_DIR:-demo-data}
listen=${HQ_LISTEN:-127.0.0.1:8730}
hq=target/release/outpost-hq
cli="target/release/outpost-cli --data-dir $laptop_dir"

codes=$($hq admin --data-dir "$hq_dir" seed-demo --jobs "${DEMO_JOBS:-400}")
token=$($hq admin --data-dir "$hq_dir" dispatcher-token | tail -1)
# The demo's service manager for the console; a later run gives them a fresh one-time password.
manager=刘强
password=$($hq admin --data-dir "$hq_dir" user add --name "$manager" --role manager 2>/dev/null | tail -1) ||
  password=$($hq admin --data-dir "$hq_dir" user reset --name "$manager" | tail -1)
$hq serve --data-dir "$hq_dir" --listen "$listen" 2>"$hq_dir/serve.log" &
hq_pid=$!
trap 'kill $hq_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "http://$listen/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

enroll() {
  rm -rf "$laptop_dir"
  $cli enroll --hq "http://$listen" --code "$(echo "$codes" | head -1 | cut -f2)" \
    --device-name "demo laptop of $(echo "$codes" | head -1 | cut -f1)"
}
# A laptop folder from an earlier run syncs on; one that HQ no longer knows enrolls afresh.
if $cli status --json | grep -q '"hq": "http'; then
  $cli sync || { enroll && $cli sync; }
else
  enroll && $cli sync
fi
echo
$cli status
echo
echo "Today's jobs:"
$cli jobs --when today
cat <<MSG

HQ runs at http://$listen (log: $hq_dir/serve.log) until you press Ctrl-C.
  HQ console:        http://$listen/  sign in as $manager with the one-time password $password
  dispatcher token:  $token
  other demo engineers' enrollment codes:
$(echo "$codes" | tail -n +2 | sed 's/^/    /')
Try, in another terminal (docs/cli.md and docs/api.md list everything):
  $cli job show <job number>
  $cli report set <job number> fault_cause "冷却风扇电机烧毁"
  $cli sync
  $cli search 空压机
  curl -H "Authorization: Bearer $token" "http://$listen/api/v1/jobs?limit=3"
MSG
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the desktop app on $laptop_dir, and the console in the browser…"
  target/debug/outpost-app --data-dir "$laptop_dir" &
  xdg-open "http://$listen/" >/dev/null 2>&1 || true
else
  echo "(No display here: the desktop app is not opened. On a desktop, make run opens it.)"
fi
wait $hq_pid
