"""The application: config, cache, scheduler, simulator, wall shell and the `kiosk` command."""
