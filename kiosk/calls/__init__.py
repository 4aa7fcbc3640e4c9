"""Calls to field staff: the contacts file, baresip as a supervised child, each call's states."""
