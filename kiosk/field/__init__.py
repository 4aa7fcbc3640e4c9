"""The field page for staff phones: a small web service, in the wall or on a central host (`kiosk field`)."""
