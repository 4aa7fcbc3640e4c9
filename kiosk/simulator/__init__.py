"""The built-in Seoul simulator: real wire formats on loopback, driven by a scripted scenario."""

from kiosk.simulator.launch import start_simulator
from kiosk.simulator.server import SimulatorServer

__all__ = ["SimulatorServer", "start_simulator"]
