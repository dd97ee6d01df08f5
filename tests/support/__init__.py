"""Helpers shared by the operations suites: processes, ports, the app binary."""
