"""The wall itself: window, controller, runtime, safe mode, screenshots."""
