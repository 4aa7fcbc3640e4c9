"""Live CCTV: libvlc players in native windows, GStreamer relays for RTSP, a watchdog per tile."""
