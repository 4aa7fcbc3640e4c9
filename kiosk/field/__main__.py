"""`python -m kiosk.field SPEC`: the field page in a process of its own (kiosk/field/process.py)."""

import sys

from kiosk.field.process import main

sys.exit(main(sys.argv[1:]))
