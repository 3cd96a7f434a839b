"""The version of this distribution, `trigger-rest-client`."""

__version__ = "0.1.0"
