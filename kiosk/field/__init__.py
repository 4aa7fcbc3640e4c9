"""The field page for staff phones: a small web service in a process of its own, which the wall runs (or a
central host, `kiosk field`)."""
