"""Qt widgets for the wall: header, domain bar, panels, map. No network, no database."""
