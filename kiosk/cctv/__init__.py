"""Live CCTV: libvlc players in native windows, ffmpeg relays for RTSP, a watchdog per tile."""
