"""Child process for test_probe: the RTSP probe N times on fresh libvlc instances; exits 3 if one hangs."""

import faulthandler
import sys

import vlc

from kiosk.cctv.backend import VLC_ARGS
from kiosk.cctv.probe import libvlc_opens_rtsp

count, limit_s = int(sys.argv[1]), float(sys.argv[2])
faulthandler.dump_traceback_later(limit_s, exit=True)  # a hung stop() ends the process (exit 1)
for i in range(count):
    instance = vlc.Instance([*VLC_ARGS, "--network-caching=200"])
    print(i, libvlc_opens_rtsp(instance), flush=True)
    instance.release()
