#!/usr/bin/env bash
# Installs what the wall needs on Debian 12, only what is missing: system packages (apt),
# a virtual environment in .venv, and the Python packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt / QtWebEngine runtime libraries (needed even offscreen)
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libnss3 libxcomposite1
  libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libgbm1 libxcb-dri3-0 libbrotli1 libx11-xcb1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  # Hangul, a virtual screen for screenshots/tests, video
  fonts-nanum xvfb xauth libvlc5 libvlc-bin vlc-plugin-base vlc-plugin-video-output ffmpeg libpulse0
  # the cameras' RTSP relays for libvlc: gst-launch-1.0 with rtspsrc, parsebin, mpegtsmux, udpsink
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  # the simulator's RTSP cameras: GStreamer's RTSP server, driven by Debian's own python3
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-ugly gstreamer1.0-x
  # the service: systemd-analyze checks the unit in the tests; xset keeps the wall's screen on
  systemd x11-xserver-utils
  # calls to field staff: baresip with its video window (sdl, in baresip-x11) and ffmpeg codecs;
  # xwininfo finds that window for the call view
  baresip-core baresip-x11 baresip-ffmpeg x11-utils
  # work orders: the wall's own MQTT broker on loopback
  mosquitto
  # tests: real X11 clicks on video tiles; the field page in a real headless browser
  xdotool chromium chromium-driver
  python3-venv python3-pip
)
if [ "${BENCH:-}" = 1 ]; then  # the benchmarks' peers (bench/cctv_peers.py): the players the wall is measured against
  APT_PACKAGES+=(mpv vlc-bin)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
stamp=.venv/.installed
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: preparing .venv"
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
